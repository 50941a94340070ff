package dev.warden.it;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.Warden;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Registry look-ups that fail with the list of known guards, a bounded wait, and the thread's wait count. */
final class Guards {

  /** The package of the fixtures, prefix of their default guard names. */
  static final String FIXTURES = "dev.warden.it.fixtures.";

  private Guards() {}

  static CallStats stats(String name) {
    return Warden.callStats(name).orElseThrow(() -> missing("@CountCalls", name));
  }

  static CircuitBreaker breaker(String name) {
    return Warden.breaker(name).orElseThrow(() -> missing("@Breaker", name));
  }

  static RateLimiter limiter(String name) {
    return Warden.rateLimiter(name).orElseThrow(() -> missing("@Throttled", name));
  }

  static ConcurrencyLimiter bulkhead(String name) {
    return Warden.bulkhead(name).orElseThrow(() -> missing("@Bulkhead", name));
  }

  static RetryStats retry(String name) {
    return Warden.retry(name).orElseThrow(() -> missing("@Retry", name));
  }

  static TimeoutStats timeout(String name) {
    return Warden.timeout(name).orElseThrow(() -> missing("@Timeout", name));
  }

  /** Calls of {@code name} so far; 0 if the guard does not exist (yet). */
  static long callsOf(String name) {
    return Warden.callStats(name).map(CallStats::calls).orElse(0L);
  }

  /** Polls {@code condition} every millisecond until it holds; fails after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  /**
   * How often the current thread has parked, slept or waited so far (its JMX waited count): a
   * call that must not wait leaves it unchanged, whatever the machine's load.
   */
  static long timesWaited() {
    return ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId()).getWaitedCount();
  }

  private static AssertionError missing(String kind, String name) {
    return new AssertionError("No " + kind + " guard named '" + name + "'; guards: " + Warden.names());
  }
}
