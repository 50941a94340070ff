package dev.warden.runtime;

import dev.warden.runtime.jfr.Events;
import dev.warden.runtime.store.StoreBinding;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket: capacity {@code burst}, refilled at {@code callsPerSecond}, full at start.
 *
 * <p>Implemented as the generic cell rate algorithm (GCRA, ITU-T I.371), which is a token bucket
 * kept as one number: the theoretical arrival time of the next call. A permit is taken or
 * reserved with one compare-and-set on that number; a caller that reserved a future permit parks
 * afterwards, holding nothing. Over any interval of length T at most {@code burst + T *
 * callsPerSecond} permits are handed out, whatever the number of threads.
 *
 * <p>The emission interval is kept in whole nanoseconds, rounded up, so the limiter never admits
 * more than configured; above 10^7 calls per second the rounding becomes visible (at 10^12 per
 * second the effective limit is 10^9 per second, more than any JVM thread can call). At the other
 * extreme, {@link RateLimiterConfig} refuses a rate at which the whole bucket would take longer
 * than 2^62 nanoseconds (about 146 years) to refill, so the bucket is full at start at every
 * valid rate and no arithmetic saturates.
 *
 * <p>{@link #availablePermits()} is a consistent reading: it never reports more permits than the
 * bucket held at one moment during the call.
 *
 * <p>{@link #reconfigure} changes the rate, burst and longest wait while the limiter runs. The
 * bucket keeps its tokens: a full bucket stays full (at the new burst); else the arrival time is
 * rebased so that the bucket holds, under the new numbers, exactly the (fractional) tokens it
 * held under the old ones, at most the new burst; a
 * deficit (permits reserved ahead by parked callers) is kept as a deficit of as many tokens,
 * which the new rate pays back. From the change on, tokens come back at the new rate. The
 * configuration and the rebased arrival time are published together: while a change is made the
 * arrival time holds a marker, on which callers spin for the few instructions it takes, so a
 * call is judged by the old numbers against the old state or by the new numbers against the new
 * state, never by a mix; permits reserved before the change keep their times. So over any
 * interval of length T after a change the calls admitted are at most {@code burst + T *
 * callsPerSecond} of the new numbers, besides the permits granted before it.
 *
 * <p>A limiter {@linkplain #create(String, RateLimiterConfig, TimeSource, StoreBinding) bound to
 * a shared store} keeps its bucket there instead, so that every process bound to the same bucket
 * shares one limit: each reservation is one atomic step of the store, and the caller still parks
 * in this process. While the store (or the guard's bucket in it) fails, the limiter follows the
 * binding's {@link dev.warden.runtime.store.OnStoreFailure} policy: {@code local} admits by a
 * bucket of this process with the same rate and burst, {@code allow} admits every call, {@code
 * reject} refuses every call. The store's failures never reach the caller: the first is logged as
 * a WARNING, the store is probed again after a back-off (100 ms, doubling to 5 s) by one caller,
 * and its recovery is logged as an INFO.
 *
 * <p>A refusal is never logged per call: the first one after a quiet minute is logged once at
 * {@code INFO} (see {@code docs/events.md}); a wait ended by an interrupt counts as a refusal. A
 * caller that parks for a reserved permit is recorded as the JFR event {@code
 * dev.warden.ThrottleWait} when that is recorded, an interrupted wait included.
 *
 * <p>Thread-safe and lock-free: every method may be called concurrently (a shared limiter's calls
 * wait for the store's answer, bounded by the store's timeout).
 *
 * <p>Example: at most 20 exports a second, bursts of 5; a caller waits up to 200 ms for its turn:
 *
 * <pre>{@code
 * RateLimiter exports = RateLimiter.create("exports", new RateLimiterConfig(20, 5, 200));
 *
 * void export(Report report) throws InterruptedException {
 *   if (!exports.tryAcquire(Duration.ofMillis(200))) {
 *     throw new ThrottledException(exports.name());
 *   }
 *   writer.write(report);
 * }
 * }</pre>
 */
public final class RateLimiter implements Guard {

  /** The arrival time while a reconfiguration rebases it: never a real one (those start at 0). */
  private static final long RECONFIGURING = Long.MIN_VALUE;
  /** As a longest wait: the one configured, read with the rate and burst it belongs to. */
  static final long CONFIGURED_WAIT = -2;

  private final String name;
  private final TimeSource time;
  private final long origin;
  /** The configuration in force, with its numbers in nanoseconds; replaced whole by {@link #reconfigure}. */
  private volatile Settings settings;
  /**
   * Theoretical arrival time of the next call, in nanoseconds since {@link #origin}; {@link
   * #RECONFIGURING} while {@link #reconfigure} rebases it.
   */
  private final AtomicLong nextArrival = new AtomicLong();
  /** Serialises {@link #reconfigure} calls (never taken by a call). */
  private final Object reconfiguring = new Object();
  /** The shared store's admission; {@code null}: the bucket is this one. */
  private final SharedAdmission shared;
  /** Logs the first refusal after a quiet period, on the clock of {@link #elapsed()}. */
  private final RefusalLog refusals = new RefusalLog(this::describe, 0);

  private RateLimiter(String name, RateLimiterConfig config, TimeSource time, StoreBinding binding) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = new Settings(Objects.requireNonNull(config, "config"));
    this.time = Objects.requireNonNull(time, "time");
    this.origin = time.nanoTime();
    this.shared = binding == null ? null : new SharedAdmission(name, config, binding, time);
  }

  /**
   * A limiter on the system clock.
   *
   * @param name the name it reports in rejections, logs and JMX
   * @param config its configuration
   * @return a new limiter with a full bucket
   */
  public static RateLimiter create(String name, RateLimiterConfig config) {
    return new RateLimiter(name, config, TimeSource.SYSTEM, null);
  }

  /**
   * A limiter on the given time source (tests inject a fake one).
   *
   * @param name the name it reports in rejections, logs and JMX
   * @param config its configuration
   * @param time the clock it reads and the way it parks
   * @return a new limiter with a full bucket
   */
  public static RateLimiter create(String name, RateLimiterConfig config, TimeSource time) {
    return new RateLimiter(name, config, time, null);
  }

  /**
   * A limiter whose bucket is {@code binding}'s bucket in a shared store; while the store fails it
   * follows {@code binding}'s policy, whose {@code local} bucket is this limiter's own, full at
   * start. Opens no connection: the store does that.
   *
   * @param name the name it reports in rejections, logs and JMX
   * @param config its configuration; its rate and burst should be those the bucket was made for
   * @param time the clock it reads (its own bucket, the store's back-off) and the way it parks
   * @param binding the store, the bucket and the policy
   * @return a new limiter
   */
  public static RateLimiter create(String name, RateLimiterConfig config, TimeSource time, StoreBinding binding) {
    return new RateLimiter(name, config, time, Objects.requireNonNull(binding, "binding"));
  }

  /** {@return the name it reports in rejections, logs and JMX} */
  public String name() {
    return name;
  }

  /** {@return its configuration: the one it was created with, or the latest {@link #reconfigure} set} */
  public RateLimiterConfig config() {
    return settings.config;
  }

  /**
   * Replaces its configuration for every permit asked afterwards (see the class comment for what
   * the bucket keeps). A limiter bound to a shared store takes only a new {@code maxWaitMillis}:
   * its rate and burst are those of its bucket in the store, which every process bound to it
   * shares.
   *
   * @param config the new configuration
   * @throws IllegalArgumentException if the limiter is bound to a shared store and {@code config}
   *     has another rate or burst
   */
  public void reconfigure(RateLimiterConfig config) {
    Objects.requireNonNull(config, "config");
    RateLimiterConfig current = settings.config;
    if (shared != null && (config.callsPerSecond() != current.callsPerSecond() || config.burst() != current.burst())) {
      throw new IllegalArgumentException("Rate limiter '" + name + "' keeps its bucket in the shared store "
          + shared.store() + ", whose rate and burst every process bound to it shares; only maxWaitMillis can change");
    }
    Settings next = new Settings(config);
    if (shared != null) {
      settings = next; // the same rate and burst: the own bucket's state means the same
      return;
    }
    synchronized (reconfiguring) {
      Settings old = settings;
      long arrival = nextArrival.getAndSet(RECONFIGURING); // callers wait for the rebased time
      long rebased;
      try {
        rebased = rebase(arrival, elapsed(), old, next);
        settings = next;
      } catch (Throwable e) { // a failing clock: the bucket stays as it was
        nextArrival.set(arrival);
        throw e;
      }
      nextArrival.set(rebased); // after the settings: whoever reads this time reads them
    }
  }

  /**
   * The arrival time under {@code next} at which the bucket holds the tokens it holds at {@code
   * arrival} under {@code old}, at {@code now}; a full bucket stays full (at the new burst). Else
   * {@code fill = tolerance + interval - backlog} is
   * the tokens held times the interval (negative: a deficit), so the new backlog is {@code
   * tolerance' + interval' - fill * interval' / interval}, never below 0 (at most the new burst)
   * and rounded up (a change never adds a fraction of a token).
   */
  static long rebase(long arrival, long now, Settings old, Settings next) {
    if (arrival <= now) {
      return now; // full: an idle bucket is full under the new numbers too
    }
    long backlog = arrival - now;
    double fill = (double) old.toleranceNanos + old.intervalNanos - backlog;
    double newBacklog = next.toleranceNanos + (double) next.intervalNanos
        - fill * ((double) next.intervalNanos / old.intervalNanos);
    if (newBacklog <= 0) {
      return now;
    }
    double latest = (double) (Long.MAX_VALUE - next.intervalNanos) - now; // no arithmetic past it overflows
    return now + (long) Math.ceil(Math.min(newBacklog, latest));
  }

  /** The arrival time once no reconfiguration is rebasing it. */
  private long stableArrival(long arrival) {
    while (arrival == RECONFIGURING) {
      Thread.onSpinWait();
      arrival = nextArrival.get();
    }
    return arrival;
  }

  /** {@return where its bucket is: {@code local}, or the store as it describes itself (no password)} */
  public String store() {
    return shared == null ? "local" : shared.store();
  }

  /**
   * Takes a permit if one is available now; never waits.
   *
   * @return whether a permit was taken
   */
  public boolean tryAcquire() {
    return reserve(0) == 0;
  }

  /**
   * Takes a permit, reserving the next one and parking for it if it is due within {@code
   * maxWait}; returns {@code false} at once, without waiting, if it is not.
   *
   * @param maxWait the longest acceptable wait; not negative
   * @return whether a permit was taken
   * @throws IllegalArgumentException if {@code maxWait} is negative
   * @throws InterruptedException if interrupted while parked (the reserved permit is spent)
   */
  public boolean tryAcquire(Duration maxWait) throws InterruptedException {
    return tryAcquire(saturatedNanos(maxWait), TimeUnit.NANOSECONDS);
  }

  /**
   * As {@link #tryAcquire(Duration)}, with the wait in {@code unit}.
   *
   * @param maxWait the longest acceptable wait, in {@code unit}; {@code >= 0}
   * @param unit the unit of {@code maxWait}
   * @return whether a permit was taken
   * @throws IllegalArgumentException if {@code maxWait} is negative
   * @throws InterruptedException if interrupted while parked (the reserved permit is spent)
   */
  public boolean tryAcquire(long maxWait, TimeUnit unit) throws InterruptedException {
    if (maxWait < 0) {
      throw new IllegalArgumentException("maxWait must be >= 0, got " + maxWait);
    }
    return take(reserve(unit.toNanos(maxWait)));
  }

  /**
   * Takes a permit as the {@code @Throttled} guard does: reserving the next one and parking for it
   * if it is due within the configured {@code maxWaitMillis}, read with the rate and burst from
   * one configuration.
   *
   * @return whether a permit was taken
   * @throws InterruptedException if interrupted while parked (the reserved permit is spent)
   */
  public boolean tryAcquireConfigured() throws InterruptedException {
    return take(reserve(CONFIGURED_WAIT));
  }

  private boolean take(long wait) throws InterruptedException {
    if (wait < 0) {
      return false;
    }
    if (wait > 0) {
      Object recorded = Events.throttleWaitBegins();
      try {
        parkFor(wait);
      } catch (InterruptedException e) {
        Events.throttleWaitEnded(recorded, name, wait, true);
        refusals.refused(elapsed()); // an interrupted wait is a refusal
        throw e;
      }
      Events.throttleWaitEnded(recorded, name, wait, false);
    }
    return true;
  }

  /**
   * Takes a permit, waiting as long as it takes.
   *
   * @throws IllegalStateException if the next permit is due further ahead than any wait a
   *     {@code long} of nanoseconds can express
   * @throws ThrottledException if the limiter is shared, its store fails and its {@code
   *     onStoreFailure} policy is {@code reject}
   * @throws InterruptedException if interrupted while parked (the reserved permit is spent)
   */
  public void acquire() throws InterruptedException {
    if (!tryAcquire(Long.MAX_VALUE, TimeUnit.NANOSECONDS)) {
      if (shared != null) {
        throw new ThrottledException(name);
      }
      throw new IllegalStateException("Rate limiter '" + name + "': next permit is beyond any representable wait");
    }
  }

  /**
   * The permits that could be taken right now without waiting, between 0 and {@code burst}. A
   * shared limiter asks its store (one round trip); while the store fails, it answers by its
   * policy: its own bucket ({@code local}), {@code burst} ({@code allow}) or 0 ({@code reject}).
   *
   * @return the permits available now
   */
  public long availablePermits() {
    SharedAdmission shared = this.shared;
    return shared == null ? localPermits() : shared.availablePermits(this);
  }

  /** {@return the permits of this process's own bucket now} */
  long localPermits() {
    // The arrival time only grows: reading it unchanged on both sides of the clock read means the
    // pair (arrival, now) held at that read, so the answer is what the bucket held then.
    long arrival = stableArrival(nextArrival.get());
    long now = elapsed();
    for (long again = nextArrival.get(); again != arrival; again = nextArrival.get()) {
      arrival = stableArrival(again);
      now = elapsed();
    }
    Settings settings = this.settings;
    long base = Math.max(arrival, now);
    long slack = now - base + settings.toleranceNanos;
    return settings.config.availablePermits(slack);
  }

  /**
   * Reserves the next permit if it is due within {@code maxWaitNanos}.
   *
   * @return nanoseconds to wait before using the permit ({@code 0}: use it now), or {@code -1}
   *     if it is not due in time (nothing was reserved)
   */
  long reserve(long maxWaitNanos) {
    SharedAdmission shared = this.shared;
    if (shared == null) {
      return reserveLocally(maxWaitNanos);
    }
    long wait = shared.reserve(this, maxWaitNanos == CONFIGURED_WAIT ? settings.maxWaitNanos : maxWaitNanos);
    if (wait < 0) {
      refusals.refused(elapsed()); // after a round trip to the store, one more clock read costs nothing
    }
    return wait;
  }

  /**
   * Records in this process's own bucket a permit its store granted, as if taken locally but never
   * refused: the {@code local} policy then starts an outage from what this process has taken, not
   * from a full bucket, so the process never exceeds its own bound across the switch.
   */
  void chargeLocally() {
    long intervalNanos = settings.intervalNanos;
    long arrival = nextArrival.get();
    long now = elapsed();
    for (;;) {
      long base = Math.max(arrival, now);
      if (base > Long.MAX_VALUE - intervalNanos) {
        return;
      }
      long witness = nextArrival.compareAndExchange(arrival, base + intervalNanos);
      if (witness == arrival) {
        return;
      }
      arrival = witness;
    }
  }

  /** As {@link #reserve}, in this process's own bucket ({@link #CONFIGURED_WAIT}: the configured wait). */
  long reserveLocally(long maxWaitArgument) {
    // The clock is read after the arrival time, so it is never older than a reading that
    // advanced the arrival time: a caller delayed between the two by a preemption is judged by
    // the current time, not rejected on a stale one. The settings are read after the arrival time
    // too: a time a reconfiguration rebased is published after its settings.
    long arrival = stableArrival(nextArrival.get());
    Settings settings = this.settings;
    long now = elapsed();
    boolean freshClock = true;
    for (;;) {
      long intervalNanos = settings.intervalNanos;
      long maxWaitNanos = maxWaitArgument == CONFIGURED_WAIT ? settings.maxWaitNanos : maxWaitArgument;
      long wait = arrival - settings.toleranceNanos - now;
      if (wait > 0 && !freshClock) {
        now = elapsed(); // about to wait or refuse after a lost race: judge by the time now
        freshClock = true;
        continue;
      }
      if (wait > maxWaitNanos) {
        refusals.refused(now);
        return -1;
      }
      long base = Math.max(arrival, now);
      if (base > Long.MAX_VALUE - intervalNanos) {
        refusals.refused(now);
        return -1;
      }
      // A lost race retries with the winner's arrival time and the same clock reading while the
      // permit is free: that is what a caller preempted before its compare-and-set does, so the
      // bound holds, and it saves a clock read (most of a call's cost) per retry.
      long witness = nextArrival.compareAndExchange(arrival, base + intervalNanos);
      if (witness == arrival) {
        return Math.max(0, wait);
      }
      arrival = stableArrival(witness);
      settings = this.settings;
      freshClock = false;
    }
  }

  private void parkFor(long waitNanos) throws InterruptedException {
    long deadline = time.nanoTime() + waitNanos;
    for (long remaining = waitNanos; remaining > 0; remaining = deadline - time.nanoTime()) {
      time.parkNanos(remaining);
      if (Thread.interrupted()) {
        throw new InterruptedException("Interrupted while waiting for rate limiter '" + name + "'");
      }
    }
  }

  /** How the refusal log names the limiter. */
  private String describe() {
    RateLimiterConfig config = config();
    double rate = config.callsPerSecond();
    String perSecond = rate == Math.rint(rate) && Math.abs(rate) < 1e15 ? Long.toString((long) rate) : Double.toString(rate);
    return "Rate limiter '" + name + "' (" + perSecond + "/s, burst " + config.burst() + ")";
  }

  private long elapsed() {
    return time.nanoTime() - origin;
  }


  private static long saturatedNanos(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("maxWait must be >= 0, got " + duration);
    }
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "RateLimiter[" + name + ", " + config() + (shared == null ? "" : ", store " + shared.store()) + "]";
  }

  /** A configuration with its numbers in nanoseconds. Immutable. */
  private static final class Settings {
    final RateLimiterConfig config;
    final long intervalNanos;
    final long toleranceNanos;
    final long maxWaitNanos;

    Settings(RateLimiterConfig config) {
      this.config = config;
      this.intervalNanos = config.intervalNanos();
      this.toleranceNanos = config.toleranceNanos();
      this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(config.maxWaitMillis());
    }
  }
}
