package dev.warden.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BinaryOperator;

/**
 * The durations of one guard's calls: one {@link LatencyHistogram} over its whole life, and the
 * recent window cut out of it by 10-second slices of its clock. Slices are aligned to the moment
 * the recorder was created: slice {@code k} covers {@code [origin + k·10 s, origin + (k+1)·10 s)}.
 * The recent window at time {@code t} is the slice of {@code t} and the five before it, so it holds
 * every call that ended in the last 50 s and none that ended 60 s or more ago.
 *
 * <p>Each slice keeps the histogram's counts at its start (a copy, taken once) and the longest
 * duration recorded in it. The window's counts are the histogram's now less those at the start of
 * its oldest slice: a call adds to one histogram only. Recording reads the clock once (the end of
 * the call, which also picks the slice) and makes one atomic add, plus a compare-and-set of a
 * maximum only when a call is the longest yet (of its slice or of the guard's life). When the clock
 * has left the current slice, each recording thread that notices makes the next slice (a small
 * object, without counts) and offers it with one compare-and-set; a thread that loses uses the
 * winner's. Only the winner then copies the counts into its slice, unless a reading needed them
 * first and copied them itself: of the recording threads, one copies per slice. Calls counted
 * between the new slice's start and that copy count in the slice before (their maxima in the new
 * one). No thread ever waits, and no count is ever cleared: a reading subtracts whole counts and is
 * never torn below the bucket.
 *
 * <p>Thread-safe.
 */
final class LatencyRecorder {

  /** The length of one slice of the recent window. */
  static final long SLICE_NANOS = 10_000_000_000L;
  /** The slices of the recent window: the current one and the five before it. */
  static final int SLICES = 6;

  private static final VarHandle CURRENT;
  private static final VarHandle SLICE_MAX;
  private static final VarHandle START_COUNTS;
  /** Keeps the newer of two slices for one ring slot. */
  private static final BinaryOperator<Slice> NEWER = (old, fresh) -> old == null || fresh.interval > old.interval
      ? fresh : old;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CURRENT = lookup.findVarHandle(LatencyRecorder.class, "current", Slice.class);
      SLICE_MAX = lookup.findVarHandle(Slice.class, "max", long.class);
      START_COUNTS = lookup.findVarHandle(Slice.class, "startCounts", long[][].class);
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
    first.startCounts = new long[LatencyHistogram.PAGES][];
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
    Slice slice = current;
    if (now - slice.end >= 0) {
      slice = advance(slice, now);
    }
    if (nanos > slice.max) { // before the count, as the histogram raises its own maximum
      LatencyHistogram.raise(SLICE_MAX, slice, nanos);
    }
    life.record(nanos);
  }

  /**
   * Moves the current slice on to the one of {@code now}, unless another thread already did; the
   * thread that moves it copies the counts into the new slice, the others copy nothing.
   */
  private Slice advance(Slice seen, long now) {
    long interval = Math.floorDiv(now - origin, SLICE_NANOS);
    Slice fresh = new Slice(interval, origin + (interval + 1) * SLICE_NANOS);
    for (;;) {
      if (CURRENT.compareAndSet(this, seen, fresh)) {
        ring.accumulateAndGet((int) Math.floorMod(interval, SLICES), fresh, NEWER);
        startCounts(fresh);
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
    Slice newest = current;
    long interval = Math.max(Math.floorDiv(time.nanoTime() - origin, SLICE_NANOS), newest.interval);
    Slice[] window = new Slice[SLICES + 2];
    int slices = 0;
    Slice oldest = null;
    for (int slot = 0; slot <= SLICES; slot++) {
      Slice slice = slot < SLICES ? ring.get(slot) : newest; // the newest is in the ring once its thread put it there
      if (slice != null && slice.interval > interval - SLICES) {
        window[slices++] = slice;
        if (oldest == null || slice.interval < oldest.interval) {
          oldest = slice;
        }
      }
    }
    long[][] before = oldest == null ? null : startCounts(oldest);
    // the counts after those the oldest slice began with: never less
    long[][] counts = life.counts();
    window[slices++] = current; // a slice begun meanwhile: the maxima of calls just counted
    long recentMax = 0;
    long[][] recent = new long[LatencyHistogram.PAGES][];
    if (oldest != null) { // else no call ended in the window: it would have begun a slice in it
      for (int i = 0; i < slices; i++) {
        recentMax = Math.max(recentMax, window[i].max);
      }
      for (int page = 0; page < LatencyHistogram.PAGES; page++) {
        recent[page] = minus(counts[page], before[page]);
      }
    }
    return LatencySnapshot.of(counts, life.max(), LatencySnapshot.of(recent, recentMax, null));
  }

  /**
   * {@return the counts {@code slice} began with} Copies them now if no thread did yet: the thread
   * that started the slice does so right after, but a reading may come first.
   */
  private long[][] startCounts(Slice slice) {
    long[][] counts = slice.startCounts;
    if (counts != null) {
      return counts;
    }
    long[][] copy = life.counts();
    long[][] witness = (long[][]) START_COUNTS.compareAndExchange(slice, (long[][]) null, copy);
    return witness == null ? copy : witness;
  }

  /** {@code now - before}, per bucket; {@code null} if nothing was added. */
  private static long[] minus(long[] now, long[] before) {
    if (now == null) {
      return null;
    }
    long[] added = new long[LatencyHistogram.PAGE_SIZE];
    for (int i = 0; i < added.length; i++) {
      added[i] = before == null ? now[i] : now[i] - before[i];
    }
    return added;
  }

  /** One slice of the recent window. */
  private static final class Slice {
    /** The slice's number {@code k}, counted from the recorder's creation. */
    final long interval;
    /** The clock reading at which the next slice begins. */
    final long end;
    /**
     * The guard's counts when the slice began (by page, {@code null} for a page not used then),
     * set once; {@code null} until the slice's first thread or a reading copied them.
     */
    volatile long[][] startCounts;
    /** The longest duration recorded in the slice. */
    volatile long max;

    Slice(long interval, long end) {
      this.interval = interval;
      this.end = end;
    }
  }
}
