package dev.warden.runtime.jfr;

/**
 * Emits Warden's JFR events, off the success path only. Each method costs, when its event is not
 * being recorded, a test of a constant (whether {@code jdk.jfr} is present, which the JIT folds)
 * and, where it is, one read of the event type's enabled state through a shared probe instance:
 * no allocation, no stack walk, and no event class is loaded where {@code jdk.jfr} is missing.
 * The event object is made only when a recording has the event enabled.
 *
 * <p>An emission never throws: whatever fails in it (a failure's {@code getMessage()} that
 * throws, an error inside JFR) is dropped with the event, because recording must never change
 * the outcome of the call that emits.
 *
 * <p>Stateless and thread-safe.
 */
public final class Events {

  /** {@code kind} of a rejection by a {@code @Breaker}. */
  public static final String BREAKER = "breaker";
  /** {@code kind} of a rejection by a {@code @Throttled} rate limiter. */
  public static final String THROTTLED = "throttled";
  /** {@code kind} of a rejection by a {@code @Bulkhead}. */
  public static final String BULKHEAD = "bulkhead";

  /** {@code reason}: the circuit is open. */
  public static final String OPEN = "open";
  /** {@code reason}: the circuit is half-open and every trial slot is taken. */
  public static final String TRIALS_TAKEN = "trials taken";
  /** {@code reason}: no permit (rate limiter) or slot (bulkhead) within the guard's wait. */
  public static final String NONE_IN_TIME = "none in time";
  /** {@code reason}: the caller was interrupted while it waited. */
  public static final String INTERRUPTED = "interrupted";

  /**
   * Whether the event classes can be loaded and used: {@code jdk.jfr} is in the runtime's layer
   * and readable by the runtime's module (always so on the class path of a full JDK).
   */
  private static final boolean AVAILABLE = jfrReadable();

  private Events() {}

  private static boolean jfrReadable() {
    Module own = Events.class.getModule();
    ModuleLayer layer = own.getLayer() == null ? ModuleLayer.boot() : own.getLayer();
    return layer.findModule("jdk.jfr").map(own::canRead).orElse(false);
  }

  /** {@return whether {@code jdk.jfr} is present, so that the events can be recorded at all} */
  public static boolean available() {
    return AVAILABLE;
  }

  /**
   * A guard refused a call (or an attempt of a call with {@code @Retry}).
   *
   * @param guard the refusing guard's name
   * @param method the guarded method
   * @param kind {@link #BREAKER}, {@link #THROTTLED} or {@link #BULKHEAD}
   * @param reason {@link #OPEN}, {@link #TRIALS_TAKEN}, {@link #NONE_IN_TIME} or {@link #INTERRUPTED}
   */
  public static void rejected(String guard, String method, String kind, String reason) {
    if (AVAILABLE) {
      try {
        RejectedEvent.emit(guard, method, kind, reason);
      } catch (Throwable dropped) {
        // see the class comment: the call's outcome must not depend on the recording
      }
    }
  }

  /**
   * A circuit breaker changed state.
   *
   * @param guard the breaker's name
   * @param from the state it left
   * @param to the state it entered
   */
  public static void breakerTransition(String guard, String from, String to) {
    if (AVAILABLE) {
      try {
        BreakerTransitionEvent.emit(guard, from, to);
      } catch (Throwable dropped) {
        // see the class comment
      }
    }
  }

  /**
   * A caller is about to park for a rate-limit permit it reserved.
   *
   * @return what to hand to {@link #throttleWaitEnded} after the wait: {@code null} unless the
   *     event is being recorded
   */
  public static Object throttleWaitBegins() {
    if (AVAILABLE) {
      try {
        return ThrottleWaitEvent.begins();
      } catch (Throwable dropped) {
        // see the class comment
      }
    }
    return null;
  }

  /**
   * A caller's wait for a reserved permit ended: it parked until the permit was due, or it was
   * interrupted while parked (the permit is spent and the caller refused).
   *
   * @param wait what {@link #throttleWaitBegins()} returned
   * @param guard the rate limiter's name
   * @param waitNanos the wait the reservation asked for, on the limiter's clock
   * @param interrupted whether an interrupt ended the wait
   */
  public static void throttleWaitEnded(Object wait, String guard, long waitNanos, boolean interrupted) {
    if (wait != null) {
      try {
        ThrottleWaitEvent.ended(wait, guard, waitNanos, interrupted);
      } catch (Throwable dropped) {
        // see the class comment
      }
    }
  }

  /**
   * An attempt after the first of a call with {@code @Retry} is about to start.
   *
   * @param guard the retry's name
   * @param method the guarded method
   * @param attempt the number of the attempt about to start (2 for the first retry)
   * @param delayNanos the delay waited before it
   * @param failure what the previous attempt failed with; its message is recorded only if {@code
   *     getMessage()} returns one (a message that cannot be computed is recorded as {@code null})
   */
  public static void retry(String guard, String method, int attempt, long delayNanos, Throwable failure) {
    if (AVAILABLE) {
      try {
        RetryEvent.emit(guard, method, attempt, delayNanos, failure);
      } catch (Throwable dropped) {
        // see the class comment
      }
    }
  }

  /**
   * A call ran over its {@code @Timeout}.
   *
   * @param guard the timeout's name
   * @param method the guarded method
   * @param limitMillis the limit it ran over
   */
  public static void timeout(String guard, String method, long limitMillis) {
    if (AVAILABLE) {
      try {
        TimeoutEvent.emit(guard, method, limitMillis);
      } catch (Throwable dropped) {
        // see the class comment
      }
    }
  }
}
