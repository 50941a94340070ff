package dev.warden.runtime.store;

import dev.warden.runtime.RateLimiterConfig;

/**
 * An open shared store: hands out one {@link SharedBucket} per guard name.
 *
 * <p>Implementations must be thread-safe.
 */
public interface BucketStore {

  /**
   * The shared bucket of guard {@code guardName}; does no network I/O. Every process that asks
   * for the same name with the same rate and burst shares one bucket.
   *
   * @param guardName the guard name
   * @param config the guard's rate, burst and wait
   * @return the bucket
   */
  SharedBucket bucket(String guardName, RateLimiterConfig config);

  /**
   * {@return how logs and JMX name this store: its kind and address, with any password masked,
   * e.g. {@code redis://cache.internal:6379}}
   */
  String describe();
}
