package dev.warden.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BinaryOperator;

/**
 * The durations of one guard's calls: a {@link LatencyHistogram} over its whole life, and one per
 * 10-second slice of its clock for the recent window. Slices are aligned to the moment the
 * recorder was created: slice {@code k} covers {@code [origin + k·10 s, origin + (k+1)·10 s)}. The
 * recent window at time {@code t} is the slice of {@code t} and the five before it, so it holds
 * every call that ended in the last 50 s and none that ended 60 s or more ago.
 *
 * <p>Recording reads the clock once (the end of the call, which also picks its slice) and adds
 * to two histograms. When the clock has left the current slice, the first recording thread
 * starts a new one with one compare-and-set (a thread that loses simply uses the winner's); a
 * thread that read the clock just before another one moved on counts its call in the newer
 * slice. No thread ever waits, and a slice is never cleared while in use: each slice is a new
 * histogram, which readers merge with whole counts, so a reading is never torn below the bucket.
 *
 * <p>Thread-safe.
 */
final class LatencyRecorder {

  /** The length of one slice of the recent window. */
  static final long SLICE_NANOS = 10_000_000_000L;
  /** The slices of the recent window: the current one and the five before it. */
  static final int SLICES = 6;

  private static final VarHandle CURRENT;
  /** Keeps the newer of two slices for one ring slot. */
  private static final BinaryOperator<Slice> NEWER = (old, fresh) -> old == null || fresh.interval > old.interval
      ? fresh : old;

  static {
    try {
      CURRENT = MethodHandles.lookup().findVarHandle(LatencyRecorder.class, "current", Slice.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TimeSource time;
  private final long origin;
  private final LatencyHistogram life = new LatencyHistogram();
  /** Slice {@code k} in slot {@code k mod SLICES}, as long as no newer slice took the slot. */
  private final AtomicReferenceArray<Slice> ring = new AtomicReferenceArray<>(SLICES);
  private volatile Slice current;

  LatencyRecorder(TimeSource time) {
    this.time = time;
    this.origin = time.nanoTime();
    Slice first = new Slice(0, origin + SLICE_NANOS);
    ring.set(0, first);
    current = first;
  }

  /** {@return the clock's reading at the start of a call} */
  long start() {
    return time.nanoTime();
  }

  /**
   * Records a call that started at {@code startNanos} and ends now.
   *
   * @param startNanos what {@link #start()} returned for the call
   */
  void record(long startNanos) {
    long now = time.nanoTime();
    long nanos = Math.max(0, now - startNanos);
    life.record(nanos);
    Slice slice = current;
    if (now - slice.end >= 0) {
      slice = advance(slice, now);
    }
    slice.histogram.record(nanos);
  }

  /** Moves the current slice on to the one of {@code now}, unless another thread already did. */
  private Slice advance(Slice seen, long now) {
    long interval = Math.floorDiv(now - origin, SLICE_NANOS);
    Slice fresh = new Slice(interval, origin + (interval + 1) * SLICE_NANOS);
    for (;;) {
      if (CURRENT.compareAndSet(this, seen, fresh)) {
        ring.accumulateAndGet((int) Math.floorMod(interval, SLICES), fresh, NEWER);
        return fresh;
      }
      seen = current;
      if (now - seen.end < 0) {
        return seen;
      }
    }
  }

  /** {@return the durations recorded so far: over the guard's life, with the recent window of now} */
  LatencySnapshot snapshot() {
    long interval = Math.floorDiv(time.nanoTime() - origin, SLICE_NANOS);
    List<Slice> slices = new ArrayList<>(SLICES + 1);
    for (int slot = 0; slot < SLICES; slot++) {
      slices.add(ring.get(slot));
    }
    Slice newest = current; // not in the ring yet while a thread moves it on
    if (!slices.contains(newest)) {
      slices.add(newest);
    }
    List<LatencyHistogram> recent = new ArrayList<>(slices.size());
    for (Slice slice : slices) {
      if (slice != null && slice.interval > interval - SLICES) {
        recent.add(slice.histogram);
      }
    }
    return LatencySnapshot.of(List.of(life), LatencySnapshot.of(recent, null));
  }

  /** The histogram of one slice of the recent window. */
  private static final class Slice {
    /** The slice's number {@code k}, counted from the recorder's creation. */
    final long interval;
    /** The clock reading at which the next slice begins. */
    final long end;
    final LatencyHistogram histogram = new LatencyHistogram();

    Slice(long interval, long end) {
      this.interval = interval;
      this.end = end;
    }
  }
}
