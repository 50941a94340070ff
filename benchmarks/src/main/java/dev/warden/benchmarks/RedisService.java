package dev.warden.benchmarks;

import dev.warden.annotations.Throttled;

/**
 * The trivial method guarded by a cluster-wide {@code @Throttled}: its guard {@value #GUARD} keeps
 * its bucket on Redis when {@code warden.redisThrottled.store=redis} is set (see {@link
 * RedisSubject}); measured through the processor-generated {@code GuardedRedisService}. The rate
 * and burst never throttle, so every call is one admission by the store.
 *
 * <p>Thread-safe: the method only reads a final field.
 */
public class RedisService {

  /** The guard name, so the Redis key is {@code warden:{redisThrottled}}. */
  static final String GUARD = "redisThrottled";

  private final String reply = "ok";

  /** Creates the service. */
  public RedisService() {}

  /** The method under the shared bucket. */
  @Throttled(name = GUARD, callsPerSecond = RedisSubject.PER_SECOND, burst = RedisSubject.BURST, maxWaitMillis = 0)
  public String throttled() {
    return reply;
  }
}
