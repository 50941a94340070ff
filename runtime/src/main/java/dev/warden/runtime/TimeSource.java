package dev.warden.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * The clock the guards read and the way they wait. Production code uses {@link #SYSTEM}; tests
 * inject a fake whose {@link #parkNanos(long)} advances its own time, so nothing sleeps.
 *
 * <p>Implementations must be safe for use by any number of threads.
 *
 * <p>Example: a hand-driven clock for a test, where parking simply moves time on:
 *
 * <pre>{@code
 * final class ManualTime implements TimeSource {
 *   private final AtomicLong now = new AtomicLong();
 *
 *   public long nanoTime() { return now.get(); }
 *
 *   public void parkNanos(long nanos) { now.addAndGet(nanos); }
 *
 *   void advanceMillis(long millis) { now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis)); }
 * }
 *
 * ManualTime time = new ManualTime();
 * CircuitBreaker breaker = CircuitBreaker.create("test", CircuitBreakerConfig.defaults(), time);
 * }</pre>
 */
public interface TimeSource {

  /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
  TimeSource SYSTEM =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
          LockSupport.parkNanos(nanos);
        }

        @Override
        public String toString() {
          return "TimeSource.SYSTEM";
        }
      };

  /** {@return a monotonic reading in nanoseconds, with an arbitrary origin, as {@link System#nanoTime()}} */
  long nanoTime();

  /**
   * Parks the calling thread for up to {@code nanos} nanoseconds without holding any lock. May
   * return early (spuriously or on interrupt); callers re-check the time and the interrupt flag.
   *
   * @param nanos the longest time to park, in nanoseconds
   */
  void parkNanos(long nanos);
}
