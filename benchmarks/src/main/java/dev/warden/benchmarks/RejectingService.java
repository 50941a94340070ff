package dev.warden.benchmarks;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;

/**
 * The trivial method of {@link Service} under guards that reject every call once {@link
 * #startRejecting} has run: an open breaker (cooldown of an hour) without and with a fallback that
 * takes no {@code Throwable}, and a token bucket whose one token is spent. Wrapped by the
 * processor ({@code GuardedRejectingService}), woven by the agent, guarded through {@code
 * GuardSite} directly; the guard names are shared, as every path in one JVM uses the same guards.
 *
 * <p>Thread-safe: the methods only read a final field.
 */
public class RejectingService {

  static final String OPEN = "bench.rejecting.open";
  static final String OPEN_WITH_FALLBACK = "bench.rejecting.fallback";
  static final String THROTTLED = "bench.rejecting.throttled";

  private final String reply = "ok";

  /** Creates the service. */
  public RejectingService() {}

  /** Under a breaker that {@link #startRejecting} opens; no fallback. */
  @Breaker(name = OPEN, failureThreshold = 1, cooldownMillis = 3_600_000)
  public String open() {
    return reply;
  }

  /** Under a breaker that {@link #startRejecting} opens; the fallback takes no {@code Throwable}. */
  @Breaker(name = OPEN_WITH_FALLBACK, failureThreshold = 1, cooldownMillis = 3_600_000, fallback = "cached")
  public String openWithFallback() {
    return reply;
  }

  String cached() {
    return "cached";
  }

  /** Under a bucket of one token refilled once in 1,000 s: the first call spends it. */
  @Throttled(name = THROTTLED, callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
  public String throttled() {
    return reply;
  }

  /**
   * Makes every guard of {@code service} reject: one admitted call each creates the guards, one
   * counted failure opens each breaker, the admitted call spent the bucket's token. Then checks
   * that each method is rejected, so an unguarded call is never measured.
   *
   * @param guardedBy what should guard {@code service}, for the error message
   * @throws IllegalStateException if a method is not rejected
   */
  static void startRejecting(RejectingService service, String guardedBy) {
    service.open();
    service.openWithFallback();
    service.throttled();
    for (String name : new String[] {OPEN, OPEN_WITH_FALLBACK}) {
      CircuitBreaker breaker = Warden.breaker(name).orElseThrow(() -> notGuarded(service, guardedBy));
      if (breaker.state() == CircuitBreaker.State.CLOSED) {
        breaker.recordFailure();
      }
    }
    try {
      service.open();
      throw notGuarded(service, guardedBy);
    } catch (CircuitOpenException expected) {
      // rejected
    }
    try {
      service.throttled();
      throw notGuarded(service, guardedBy);
    } catch (ThrottledException expected) {
      // rejected
    }
    if (!"cached".equals(service.openWithFallback())) {
      throw notGuarded(service, guardedBy);
    }
  }

  private static IllegalStateException notGuarded(RejectingService service, String guardedBy) {
    return new IllegalStateException(
        service.getClass().getName() + " is not rejecting through " + guardedBy + "; guards present: " + Warden.names());
  }
}
