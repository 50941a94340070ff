package dev.warden.redis;

import dev.warden.redis.GcraScript.Mode;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
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
 * <h2>Lease mode</h2>
 *
 * <p>With a lease {@code L > 1} ({@code warden.redis.lease}), a call first takes a permit this
 * bucket holds ({@link LeasedPermits}: no round trip). Holding none, one thread at a time asks
 * Redis for a lease: the script takes {@code n = min(L, permits available now)} permits at once,
 * exactly as {@code n} calls at the same instant would, and, if none is available, reserves one
 * with the caller's wait as in exact mode; the caller is admitted with the first, the other {@code
 * n - 1} are held. Meanwhile other threads of the process reserve single permits (a lease of 1).
 * The held permits are valid for the refill time of a whole bucket ({@code burst * interval}),
 * counted from before the lease was asked for; a new lease replaces them.
 *
 * <p>The bound: in any interval of length T, the cluster admits at most {@code burst + T * rate +
 * B * (L - 1)}, where B is the number of lease-mode buckets of the guard (one per process and
 * guard). Proof: every admission is a permit the script took (on the server clock, the script's
 * admissions obey the exact-mode bound {@code burst + T * rate}) either at its admission (a
 * reserve, or the first permit of a lease) or, for a held permit, at an instant before it is used.
 * An admission in {@code [a, b]} of a permit taken before {@code a} is a permit held at {@code a}.
 * A bucket holds permits of one lease only, at most {@code L - 1}: a lease is fetched by one
 * thread at a time and empties the previous one before it replaces it, and the count of a lease
 * only goes down. So at most {@code B * (L - 1)} admissions in {@code [a, b]} come from before
 * {@code a}, all others are permits the script took within {@code [a, b]}. The bound needs no
 * clock to agree with another: the validity only keeps held permits from outliving the server's
 * memory of them (after a whole bucket's refill time without calls, nobody holds anything and the
 * bucket is full: the next burst is {@code burst}, as in exact mode).
 *
 * <p>Thread-safe; a call holds no lock, and one served from held permits allocates nothing.
 */
final class RedisBucket implements SharedBucket {

  /** {@code trace[0]} of a call answered from held permits: no server time. */
  static final long HELD = -1;

  private final RedisStore store;
  private final String guardName;
  private final String[] keys;
  private final RateLimiterConfig config;
  private final String interval;
  private final String tolerance;
  private final long configuredWaitNanos;
  /** Exact mode: one permit per round trip; lease mode: the reserves of threads not fetching a lease. */
  private final Args single;
  /** Lease mode only, else {@code null}. */
  private final Args leases;
  private final LeasedPermits held;

  /**
   * @param store the store
   * @param guardName the guard
   * @param config the guard's bucket
   * @param lease the most permits taken in one round trip, 1 to {@link GcraScript#MAX_LEASE}
   * @param time the clock of the validity of leased permits
   */
  RedisBucket(RedisStore store, String guardName, RateLimiterConfig config, long lease, TimeSource time) {
    this.store = store;
    this.guardName = guardName;
    this.keys = new String[] {"warden:{" + guardName + "}"};
    this.config = config;
    this.interval = Long.toString(config.intervalNanos());
    this.tolerance = Long.toString(config.toleranceNanos());
    this.configuredWaitNanos = TimeUnit.MILLISECONDS.toNanos(config.maxWaitMillis());
    boolean leasing = lease > 1;
    this.single = new Args(leasing ? Mode.LEASE : Mode.RESERVE, 1);
    this.leases = leasing ? new Args(Mode.LEASE, lease) : null;
    this.held = leasing ? new LeasedPermits(time, config.toleranceNanos() + config.intervalNanos()) : null;
  }

  @Override
  public long reserve(long maxWaitNanos) {
    if (leases == null) {
      return Long.parseLong(store.<String>run(this, ScriptOutputType.VALUE, single.of(maxWaitNanos)));
    }
    return reserve(maxWaitNanos, null);
  }

  @Override
  public long reserveFromStore(long maxWaitNanos) {
    if (leases == null) {
      return reserve(maxWaitNanos);
    }
    checkWait(maxWaitNanos);
    return lease(single, maxWaitNanos, null, 0);
  }

  /**
   * In lease mode, as {@link #reserve}, telling where the answer came from.
   *
   * @param maxWaitNanos the longest acceptable wait
   * @param trace if not {@code null}, receives {the server time of the decision, or {@link #HELD}
   *     if a held permit was taken; the permits the script took}
   * @return the wait, or -1
   */
  long reserve(long maxWaitNanos, long[] trace) {
    checkWait(maxWaitNanos);
    if (held.take()) {
      return traced(trace, HELD, 0, 0);
    }
    if (!held.claimRefill()) {
      return lease(single, maxWaitNanos, trace, 0);
    }
    try {
      if (held.take()) { // a lease arrived in between
        return traced(trace, HELD, 0, 0);
      }
      return lease(leases, maxWaitNanos, trace, held.now());
    } finally {
      held.endRefill();
    }
  }

  /** One round trip in lease mode; holds what is left of the permits taken if {@code args} leases. */
  private long lease(Args args, long maxWaitNanos, long[] trace, long askedAt) {
    List<Object> reply = store.run(this, ScriptOutputType.MULTI, args.of(maxWaitNanos));
    long wait = Long.parseLong((String) reply.get(0));
    long taken = Long.parseLong((String) reply.get(1));
    if (taken > 1) {
      held.refill(taken - 1, askedAt);
    }
    return trace == null ? wait : traced(trace, Long.parseLong((String) reply.get(2)), taken, wait);
  }

  private static long traced(long[] trace, long serverTime, long taken, long wait) {
    if (trace != null) {
      trace[0] = serverTime;
      trace[1] = taken;
    }
    return wait;
  }

  /**
   * The permits available now: those Redis would give at once, plus, in lease mode, the valid
   * permits this bucket holds (at most the burst).
   */
  @Override
  public long availablePermits() {
    String reply = store.run(this, ScriptOutputType.VALUE,
        GcraScript.args(interval, tolerance, 0, Mode.PEEK, 1));
    long available = config.availablePermits(Long.parseLong(reply));
    return held == null ? available : Math.min(config.burst(), available + held.held());
  }

  /**
   * In exact mode, as {@link #reserve}, also answering the server time of the decision (tests
   * check the limit across processes with it).
   *
   * @param maxWaitNanos the longest acceptable wait
   * @return {the wait or -1, the server time in nanoseconds since the epoch}
   */
  long[] reserveTraced(long maxWaitNanos) {
    checkWait(maxWaitNanos);
    List<Object> reply = store.run(this, ScriptOutputType.MULTI,
        GcraScript.args(interval, tolerance, maxWaitNanos, Mode.TRACE, 1));
    return new long[] {Long.parseLong((String) reply.get(0)), Long.parseLong((String) reply.get(1))};
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

  /** The arguments of one kind of call, made once for the usual waits: none, and the guard's own. */
  private final class Args {
    private final Mode mode;
    private final long lease;
    private final String[] now;
    private final String[] configured;

    Args(Mode mode, long lease) {
      this.mode = mode;
      this.lease = lease;
      this.now = GcraScript.args(interval, tolerance, 0, mode, lease);
      this.configured = GcraScript.args(interval, tolerance, configuredWaitNanos, mode, lease);
    }

    String[] of(long maxWaitNanos) {
      if (maxWaitNanos == 0) {
        return now;
      }
      if (maxWaitNanos == configuredWaitNanos) {
        return configured;
      }
      checkWait(maxWaitNanos);
      return GcraScript.args(interval, tolerance, maxWaitNanos, mode, lease);
    }
  }
}
