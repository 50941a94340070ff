package dev.warden.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Call statistics of one guard: {@code calls} (entered), {@code successes}, {@code failures},
 * {@code rejections}, {@code inFlight} and {@code peakInFlight}.
 *
 * <p>Recording is lock-free and loses nothing: entering a call is one atomic add (the call count
 * and the in-flight count share one word); its outcome adds one to its own striped counter
 * ({@link LongAdder}) and takes one off the in-flight count. Every outcome is counted where it
 * happens, never derived from the other counters, so a reading never runs ahead of what happened
 * and never goes backwards: each counter may only lag by the calls ending during the read. At any
 * quiet moment {@code calls == successes + failures + rejections} holds exactly. The in-flight
 * count has 24 bits: up to 16,777,215 calls of one guard may run at once. Rejections are also
 * counted by the kind of guard that refused ({@link #rejections(Class)}).
 *
 * <p>Statistics made by {@link #withLatency} also measure each call's duration (see {@link
 * #latency()}): {@link #startNanos()} reads the clock when the call starts, and {@link
 * #recordSuccess(long)} or {@link #recordFailure(long)} reads it once more and counts the
 * duration, lock-free, in a histogram that allocates nothing per call. Without latency those
 * methods read no clock and cost nothing more than {@link #recordSuccess()} and {@link
 * #recordFailure()}.
 *
 * <p>Thread-safe: every method may be called concurrently.
 *
 * <p>Example: read the counters of a {@code @CountCalls} guard, or keep statistics by hand:
 *
 * <pre>{@code
 * Warden.callStats("com.acme.PaymentClient#charge").ifPresent(s ->
 *     log.info(s.failures() + " of " + s.calls() + " charges failed"));
 *
 * CallStats stats = new CallStats("import");
 * stats.recordCall();
 * try {
 *   importBatch();
 *   stats.recordSuccess();
 * } catch (RuntimeException e) {
 *   stats.recordFailure();
 *   throw e;
 * }
 *
 * CallStats timed = CallStats.withLatency("export", TimeSource.SYSTEM);
 * timed.recordCall();
 * long start = timed.startNanos();
 * exportBatch();
 * timed.recordSuccess(start);
 * timed.latency().ifPresent(l -> log.info("p99 " + l.p99Nanos() + " ns"));
 * }</pre>
 */
public final class CallStats implements Guard {

  private static final int IN_FLIGHT_BITS = 24;
  private static final long IN_FLIGHT_MASK = (1L << IN_FLIGHT_BITS) - 1;
  private static final long ONE_CALL = 1L << IN_FLIGHT_BITS;
  /** Calls moved from the packed word to {@link #flushedCalls} at a time, long before the word's 39 bits overflow. */
  private static final long FLUSH_CALLS = 1L << 38;
  private static final VarHandle PEAK;

  static {
    try {
      PEAK = MethodHandles.lookup().findVarHandle(CallStats.class, "peakInFlight", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  /** High 40 bits: calls not yet flushed; low 24 bits: calls in flight. */
  private final AtomicLong callsAndInFlight = new AtomicLong();
  private final AtomicLong flushedCalls = new AtomicLong();
  /** Odd while a flush moves calls out of the packed word (a sequence lock for readers). */
  private final AtomicLong flushSequence = new AtomicLong();
  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder rejections = new LongAdder();
  private final LongAdder throttled = new LongAdder();
  private final LongAdder circuitOpen = new LongAdder();
  private final LongAdder bulkheadFull = new LongAdder();
  /** {@code null} without latency. */
  private final LatencyRecorder latency;
  private volatile long peakInFlight;

  /**
   * Statistics with every counter at 0, without latency.
   *
   * @param name the name it reports in JMX
   */
  public CallStats(String name) {
    this(name, null);
  }

  private CallStats(String name, LatencyRecorder latency) {
    this.name = Objects.requireNonNull(name, "name");
    this.latency = latency;
  }

  /**
   * Statistics with every counter at 0 that also measure the duration of each call (see {@link
   * #latency()}) on {@code time}, whose clock also drives the recent window. Reads the clock once
   * now: the recent window's 10-second slices are counted from this moment.
   *
   * @param name the name it reports in JMX
   * @param time the clock; {@link TimeSource#SYSTEM} outside tests
   * @return the statistics
   */
  public static CallStats withLatency(String name, TimeSource time) {
    Objects.requireNonNull(name, "name");
    return new CallStats(name, new LatencyRecorder(Objects.requireNonNull(time, "time")));
  }

  /** {@return the guard's name} */
  public String name() {
    return name;
  }

  /** Records that a call entered. Every call must later end in exactly one of the other {@code record…} methods. */
  public void recordCall() {
    long word = callsAndInFlight.addAndGet(ONE_CALL + 1);
    long inFlight = word & IN_FLIGHT_MASK;
    if (inFlight > peakInFlight) {
      raisePeak(inFlight);
    }
    if (word >= FLUSH_CALLS << IN_FLIGHT_BITS) {
      flush();
    }
  }

  /**
   * {@return the start of a call, to hand to {@link #recordSuccess(long)} or {@link
   * #recordFailure(long)} when it ends} With latency, the clock's reading; without, 0, and no clock
   * is read.
   */
  public long startNanos() {
    return latency == null ? 0 : latency.start();
  }

  /** Records that an entered call returned normally. */
  public void recordSuccess() {
    successes.increment();
    callsAndInFlight.decrementAndGet();
  }

  /**
   * Records that an entered call returned normally and, with latency, its duration: from {@code
   * startNanos} to now (one clock reading).
   *
   * @param startNanos what {@link #startNanos()} returned when the call started
   */
  public void recordSuccess(long startNanos) {
    if (latency != null) {
      latency.record(startNanos); // first: once a call no longer counts in flight, its duration is in
    }
    recordSuccess();
  }

  /** Records that an entered call threw. */
  public void recordFailure() {
    failures.increment();
    callsAndInFlight.decrementAndGet();
  }

  /**
   * Records that an entered call threw and, with latency, its duration: from {@code startNanos}
   * to now (one clock reading).
   *
   * @param startNanos what {@link #startNanos()} returned when the call started
   */
  public void recordFailure(long startNanos) {
    if (latency != null) {
      latency.record(startNanos);
    }
    recordFailure();
  }

  /** Records that an entered call was rejected by a guard; it counts in {@link #rejections()} only. */
  public void recordRejection() {
    rejections.increment();
    callsAndInFlight.decrementAndGet();
  }

  /**
   * Records that an entered call was rejected by a guard of the given kind. A rejection is not
   * measured: the call did not run.
   *
   * @param kind the rejection's type: {@link ThrottledException}, {@link CircuitOpenException} or
   *     {@link BulkheadFullException} (or a subclass) counts under that kind; any other type counts
   *     in {@link #rejections()} only
   * @throws NullPointerException if {@code kind} is {@code null}
   */
  public void recordRejection(Class<? extends GuardRejectedException> kind) {
    LongAdder ofKind = counterOf(Objects.requireNonNull(kind, "kind"));
    if (ofKind != null) {
      ofKind.increment();
    }
    recordRejection();
  }

  /** {@return the number of calls entered} */
  public long calls() {
    for (;;) {
      long sequence = flushSequence.get();
      long calls = flushedCalls.get() + (callsAndInFlight.get() >>> IN_FLIGHT_BITS);
      if ((sequence & 1) == 0 && sequence == flushSequence.get()) {
        return calls;
      }
      Thread.onSpinWait();
    }
  }

  /** {@return the number of calls that returned normally} */
  public long successes() {
    return successes.sum();
  }

  /** {@return the number of calls that threw} */
  public long failures() {
    return failures.sum();
  }

  /** {@return the number of calls rejected by a guard of the same method, of every kind} */
  public long rejections() {
    return rejections.sum();
  }

  /**
   * The number of calls rejected by one kind of guard.
   *
   * @param kind {@link ThrottledException} ({@code @Throttled}), {@link CircuitOpenException}
   *     ({@code @Breaker}) or {@link BulkheadFullException} ({@code @Bulkhead}); a subclass counts
   *     as its base
   * @return the rejections of that kind
   * @throws NullPointerException if {@code kind} is {@code null}
   * @throws IllegalArgumentException if {@code kind} is another type
   */
  public long rejections(Class<? extends GuardRejectedException> kind) {
    LongAdder ofKind = counterOf(Objects.requireNonNull(kind, "kind"));
    if (ofKind == null) {
      throw new IllegalArgumentException("Rejections are counted by ThrottledException, CircuitOpenException or "
          + "BulkheadFullException (or a subclass), not by " + kind.getName());
    }
    return ofKind.sum();
  }

  /**
   * The durations of the calls, if these statistics measure them (made by {@link #withLatency});
   * a snapshot, read now, of the guard's whole life and of the last minute. Every call that ran
   * is measured, success or failure (ended with {@link #recordSuccess(long)} or {@link
   * #recordFailure(long)}); a rejected call is not (it did not run). Reading costs a
   * pass over the buckets in use; it never blocks a recording thread.
   *
   * @return the snapshot, or empty without latency
   */
  public Optional<LatencySnapshot> latency() {
    return latency == null ? Optional.empty() : Optional.of(latency.snapshot());
  }

  /** {@return whether these statistics measure the duration of calls (made by {@link #withLatency})} */
  public boolean measuresLatency() {
    return latency != null;
  }

  /** {@return the number of calls running now} */
  public long inFlight() {
    return callsAndInFlight.get() & IN_FLIGHT_MASK;
  }

  /** {@return the largest number of calls ever running at once} */
  public long peakInFlight() {
    return peakInFlight;
  }

  private LongAdder counterOf(Class<? extends GuardRejectedException> kind) {
    if (ThrottledException.class.isAssignableFrom(kind)) {
      return throttled;
    }
    if (CircuitOpenException.class.isAssignableFrom(kind)) {
      return circuitOpen;
    }
    return BulkheadFullException.class.isAssignableFrom(kind) ? bulkheadFull : null;
  }

  private void raisePeak(long candidate) {
    for (long seen = peakInFlight; candidate > seen; seen = peakInFlight) {
      if (PEAK.compareAndSet(this, seen, candidate)) {
        return;
      }
    }
  }

  private void flush() {
    long sequence = flushSequence.get();
    if ((sequence & 1) != 0 || !flushSequence.compareAndSet(sequence, sequence + 1)) {
      return; // another thread is flushing
    }
    try {
      if (callsAndInFlight.get() >= FLUSH_CALLS << IN_FLIGHT_BITS) {
        flushedCalls.addAndGet(FLUSH_CALLS);
        callsAndInFlight.addAndGet(-(FLUSH_CALLS << IN_FLIGHT_BITS));
      }
    } finally {
      flushSequence.incrementAndGet();
    }
  }

  @Override
  public String toString() {
    return "CallStats[" + name + ": calls=" + calls() + ", successes=" + successes()
        + ", failures=" + failures() + ", rejections=" + rejections() + ", inFlight=" + inFlight()
        + ", peakInFlight=" + peakInFlight + "]";
  }
}
