package dev.warden.runtime;

/**
 * Validated configuration of a token bucket, as in {@code @Throttled}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: one call every two seconds on average, three at once after a quiet spell, and
 * callers wait at most one second:
 *
 * <pre>{@code
 * RateLimiterConfig config = new RateLimiterConfig(0.5, 3, 1_000);
 * RateLimiter limiter = RateLimiter.create("crawler", config);
 * }</pre>
 *
 * @param callsPerSecond refill rate; finite and at least {@link #lowestRate(int) lowestRate(burst)}
 *     (the whole bucket refills within 2^62 ns, about 146 years)
 * @param burst bucket capacity; {@code >= 1}
 * @param maxWaitMillis longest a guarded call parks for a reserved token; {@code >= 0}
 */
public record RateLimiterConfig(double callsPerSecond, int burst, long maxWaitMillis) {

  /** The attribute names, as in the annotation and in override keys. */
  public static final java.util.List<String> ATTRIBUTES =
      java.util.List.of("callsPerSecond", "burst", "maxWaitMillis");

  /** The longest a whole bucket may take to refill, in seconds: 2^62 ns, about 146 years. */
  private static final double LONGEST_REFILL_SECONDS = 0x1p62 / 1e9;

  /**
   * Checks every attribute.
   *
   * @param callsPerSecond refill rate; finite and at least {@link #lowestRate(int) lowestRate(burst)}
   * @param burst bucket capacity; {@code >= 1}
   * @param maxWaitMillis longest a guarded call parks for a reserved token; {@code >= 0}
   * @throws ConfigurationException naming the first invalid attribute and its value
   */
  public RateLimiterConfig {
    if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
      throw ConfigurationException.invalid("callsPerSecond", callsPerSecond, "finite and > 0");
    }
    if (burst < 1) {
      throw ConfigurationException.invalid("burst", burst, ">= 1");
    }
    if (maxWaitMillis < 0) {
      throw ConfigurationException.invalid("maxWaitMillis", maxWaitMillis, ">= 0");
    }
    if (callsPerSecond < lowestRate(burst)) {
      throw ConfigurationException.invalid("callsPerSecond", callsPerSecond, ">= " + lowestRate(burst)
          + " for burst " + burst + " (the whole bucket must refill within 2^62 ns, about 146 years)");
    }
  }

  /**
   * The emission interval of the bucket's cell rate algorithm: one token's refill time, rounded
   * up to whole nanoseconds so that a limiter never admits more than configured (above 10^7
   * calls per second the rounding becomes visible).
   *
   * @return {@code max(1, ceil(10^9 / callsPerSecond))} nanoseconds
   */
  public long intervalNanos() {
    return Math.max(1L, (long) Math.ceil(1e9 / callsPerSecond));
  }

  /**
   * How far ahead of the clock the next token's arrival time may run and a call still be admitted
   * at once: the refill time of {@code burst - 1} tokens.
   *
   * @return {@code (burst - 1) * intervalNanos()}, below 2^62 at every valid rate
   */
  public long toleranceNanos() {
    return (burst - 1L) * intervalNanos();
  }

  /**
   * The tokens a bucket holds with {@code slackNanos} of tolerance left (the tolerance minus how
   * far the next arrival time runs ahead of the clock).
   *
   * @param slackNanos the tolerance left, in nanoseconds; negative when even one token is missing
   * @return between {@code 0} and {@code burst}
   */
  public long availablePermits(long slackNanos) {
    return slackNanos < 0 ? 0 : Math.min(burst, slackNanos / intervalNanos() + 1);
  }

  /**
   * The lowest valid rate for a bucket of {@code burst}: the whole bucket refills in 2^62 ns (about
   * 146 years), {@code 2.168E-10} calls per second per token of burst.
   *
   * @param burst the bucket capacity
   * @return the lowest valid {@code callsPerSecond} for that capacity
   */
  public static double lowestRate(int burst) {
    return burst / LONGEST_REFILL_SECONDS;
  }
}
