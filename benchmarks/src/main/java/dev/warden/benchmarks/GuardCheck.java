package dev.warden.benchmarks;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.Warden;

/** Verifies that a {@link Service} instance really is guarded before it is measured. */
final class GuardCheck {

  private static final String PREFIX = Service.class.getName() + "#";

  private GuardCheck() {}

  /**
   * Calls each guarded method once and checks that its guards now exist and saw the call, and
   * that a call of {@code retryFailOnce} failing once was retried.
   *
   * @param guardedBy what should have guarded them, for the error message
   * @throws IllegalStateException if a method runs unguarded
   */
  static void requireGuarded(Service service, String guardedBy) {
    long countedBefore = calls("counted");
    long stackedBefore = calls("stacked");
    service.breaker();
    service.throttled();
    service.counted();
    service.stacked();
    service.bulkhead();
    service.timeout();
    service.timeoutWithoutInterrupt();
    service.retry();
    long retriesBefore = retries("retryFailOnce");
    FailOnce failOnce = new FailOnce();
    failOnce.arm();
    try {
      service.retryFailOnce(failOnce);
    } catch (RuntimeException notRetried) {
      throw new IllegalStateException(service.getClass().getName() + "#retryFailOnce was not retried by " + guardedBy,
          notRetried);
    }
    boolean guarded =
        Warden.breaker(PREFIX + "breaker").isPresent()
            && Warden.rateLimiter(PREFIX + "throttled").isPresent()
            && Warden.breaker(PREFIX + "stacked").isPresent()
            && Warden.rateLimiter(PREFIX + "stacked").isPresent()
            && Warden.callStats(PREFIX + "counted").isPresent()
            && Warden.bulkhead(PREFIX + "bulkhead").isPresent()
            && Warden.timeout(PREFIX + "timeout").isPresent()
            && Warden.timeout(PREFIX + "timeoutWithoutInterrupt").isPresent()
            && Warden.retry(PREFIX + "retry").isPresent()
            && retries("retryFailOnce") == retriesBefore + 1
            && calls("counted") == countedBefore + 1
            && calls("stacked") == stackedBefore + 1;
    if (!guarded) {
      throw new IllegalStateException(
          service.getClass().getName() + " is not guarded by " + guardedBy + "; guards present: " + Warden.names());
    }
  }

  private static long retries(String method) {
    return Warden.retry(PREFIX + method).map(RetryStats::retries).orElse(0L);
  }

  private static long calls(String method) {
    return Warden.callStats(PREFIX + method).map(CallStats::calls).orElse(0L);
  }
}
