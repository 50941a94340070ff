package dev.warden.redis;

import dev.warden.redis.GcraScript.Mode;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.SharedBucket;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One guard's bucket, the key {@code warden:{<guard name>}}: the theoretical arrival time of the
 * next call on the Redis server's clock, with the arithmetic of the local {@link
 * dev.warden.runtime.RateLimiter} (the same emission interval, rounded up to whole nanoseconds,
 * the same tolerance {@code (burst - 1) * interval}, the same reserve-or-reject rule). The local
 * clock is never read for a decision.
 *
 * <p>Thread-safe; immutable.
 */
final class RedisBucket implements SharedBucket {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final RedisStore store;
  private final String guardName;
  private final String[] keys;
  private final int burst;
  private final long intervalNanos;
  private final String interval;
  private final String tolerance;
  /** The arguments of the usual calls, made once: no wait, and the guard's own wait. */
  private final String[] reserveNow;
  private final long configuredWaitNanos;
  private final String[] reserveConfigured;

  RedisBucket(RedisStore store, String guardName, RateLimiterConfig config) {
    this.store = store;
    this.guardName = guardName;
    this.keys = new String[] {"warden:{" + guardName + "}"};
    this.burst = config.burst();
    this.intervalNanos = Math.max(1L, (long) Math.ceil(NANOS_PER_SECOND / config.callsPerSecond()));
    this.interval = Long.toString(intervalNanos);
    this.tolerance = Long.toString((burst - 1L) * intervalNanos); // < 2^62: see RateLimiterConfig
    this.reserveNow = GcraScript.args(interval, tolerance, 0, Mode.RESERVE);
    this.configuredWaitNanos = TimeUnit.MILLISECONDS.toNanos(config.maxWaitMillis());
    this.reserveConfigured = GcraScript.args(interval, tolerance, configuredWaitNanos, Mode.RESERVE);
  }

  @Override
  public long reserve(long maxWaitNanos) {
    String reply = store.run(this, ScriptOutputType.VALUE, reserveArgs(maxWaitNanos));
    return Long.parseLong(reply);
  }

  @Override
  public long availablePermits() {
    String reply = store.run(this, ScriptOutputType.VALUE, GcraScript.args(interval, tolerance, 0, Mode.PEEK));
    long slack = Long.parseLong(reply);
    return slack < 0 ? 0 : Math.min(burst, slack / intervalNanos + 1);
  }

  /**
   * As {@link #reserve}, also answering the server time of the decision (tests check the limit
   * across processes with it).
   *
   * @param maxWaitNanos the longest acceptable wait
   * @return {the wait or -1, the server time in nanoseconds since the epoch}
   */
  long[] reserveTraced(long maxWaitNanos) {
    checkWait(maxWaitNanos);
    List<Object> reply = store.run(this, ScriptOutputType.MULTI,
        GcraScript.args(interval, tolerance, maxWaitNanos, Mode.TRACE));
    return new long[] {Long.parseLong((String) reply.get(0)), Long.parseLong((String) reply.get(1))};
  }

  private String[] reserveArgs(long maxWaitNanos) {
    if (maxWaitNanos == 0) {
      return reserveNow;
    }
    if (maxWaitNanos == configuredWaitNanos) {
      return reserveConfigured;
    }
    checkWait(maxWaitNanos);
    return GcraScript.args(interval, tolerance, maxWaitNanos, Mode.RESERVE);
  }

  private static void checkWait(long maxWaitNanos) {
    if (maxWaitNanos < 0) {
      throw new IllegalArgumentException("maxWaitNanos must be >= 0, got " + maxWaitNanos);
    }
  }

  String guardName() {
    return guardName;
  }

  String key() {
    return keys[0];
  }

  String[] keys() {
    return keys;
  }

  @Override
  public String toString() {
    return "RedisBucket[" + guardName + " on " + store.describe() + "]";
  }
}
