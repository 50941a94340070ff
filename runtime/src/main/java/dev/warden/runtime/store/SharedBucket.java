package dev.warden.runtime.store;

/**
 * One guard's bucket in a shared store: the same reserve-or-reject rule as a local {@link
 * dev.warden.runtime.RateLimiter}, decided in one atomic step on the store's own clock.
 *
 * <p>Implementations must be thread-safe.
 */
public interface SharedBucket {

  /**
   * Reserves the next permit if it is due within {@code maxWaitNanos}.
   *
   * @param maxWaitNanos the longest acceptable wait, in nanoseconds; {@code >= 0}
   * @return the nanoseconds to wait before using the permit ({@code 0}: use it now), or {@code -1}
   *     if it is not due in time (nothing was reserved)
   * @throws StoreException if the store did not answer in time or failed; the caller cannot know
   *     whether a permit was reserved
   */
  long reserve(long maxWaitNanos);

  /**
   * As {@link #reserve}, but decided by the store itself, never from permits the bucket holds in
   * the process (e.g. leased earlier): the limiter's first call after an outage's back-off, whose
   * answer tells whether the store answers again.
   *
   * @param maxWaitNanos the longest acceptable wait, in nanoseconds; {@code >= 0}
   * @return as {@link #reserve}
   * @throws StoreException as {@link #reserve}
   */
  default long reserveFromStore(long maxWaitNanos) {
    return reserve(maxWaitNanos);
  }

  /**
   * The permits that could be taken now without waiting, between {@code 0} and the burst; one
   * round trip, for monitoring (JMX), never on a call's path.
   *
   * @return the permits available now
   * @throws StoreException if the store did not answer in time or failed
   */
  long availablePermits();
}
