package dev.warden.runtime;

/**
 * Validated configuration of a token bucket, as in {@code @Throttled}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param callsPerSecond refill rate; finite and {@code > 0}
 * @param burst bucket capacity; {@code >= 1}
 * @param maxWaitMillis longest a guarded call parks for a reserved token; {@code >= 0}
 */
public record RateLimiterConfig(double callsPerSecond, int burst, long maxWaitMillis) {

  /** The attribute names, as in the annotation and in override keys. */
  public static final java.util.List<String> ATTRIBUTES =
      java.util.List.of("callsPerSecond", "burst", "maxWaitMillis");

  /**
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
  }
}
