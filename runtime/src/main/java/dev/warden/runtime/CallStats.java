package dev.warden.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
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
 * count has 24 bits: up to 16,777,215 calls of one guard may run at once.
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
  private volatile long peakInFlight;

  /**
   * Statistics with every counter at 0.
   *
   * @param name the name it reports in JMX
   */
  public CallStats(String name) {
    this.name = Objects.requireNonNull(name, "name");
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

  /** Records that an entered call returned normally. */
  public void recordSuccess() {
    successes.increment();
    callsAndInFlight.decrementAndGet();
  }

  /** Records that an entered call threw. */
  public void recordFailure() {
    failures.increment();
    callsAndInFlight.decrementAndGet();
  }

  /** Records that an entered call was rejected by a guard. */
  public void recordRejection() {
    rejections.increment();
    callsAndInFlight.decrementAndGet();
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

  /** {@return the number of calls rejected by a guard of the same method} */
  public long rejections() {
    return rejections.sum();
  }

  /** {@return the number of calls running now} */
  public long inFlight() {
    return callsAndInFlight.get() & IN_FLIGHT_MASK;
  }

  /** {@return the largest number of calls ever running at once} */
  public long peakInFlight() {
    return peakInFlight;
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
