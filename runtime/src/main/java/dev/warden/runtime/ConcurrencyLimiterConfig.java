package dev.warden.runtime;

import java.util.List;

/**
 * Validated configuration of a concurrency limit (a bulkhead), as in {@code @Bulkhead}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: at most 8 report renderings at once, and a caller waits up to half a second for
 * one of them to finish:
 *
 * <pre>{@code
 * ConcurrencyLimiterConfig config = new ConcurrencyLimiterConfig(8, 500);
 * ConcurrencyLimiter renderings = ConcurrencyLimiter.create("renderings", config);
 * }</pre>
 *
 * @param maxConcurrent calls that may hold a slot at once; {@code >= 1}
 * @param maxWaitMillis longest a call waits for a free slot; {@code >= 0} ({@code 0}: never waits)
 */
public record ConcurrencyLimiterConfig(int maxConcurrent, long maxWaitMillis) {

  /** The attribute names, as in the annotation and in override keys. */
  public static final List<String> ATTRIBUTES = List.of("maxConcurrent", "maxWaitMillis");

  /**
   * Checks every attribute.
   *
   * @param maxConcurrent calls that may hold a slot at once; {@code >= 1}
   * @param maxWaitMillis longest a call waits for a free slot; {@code >= 0}
   * @throws ConfigurationException naming the first invalid attribute and its value
   */
  public ConcurrencyLimiterConfig {
    if (maxConcurrent < 1) {
      throw ConfigurationException.invalid("maxConcurrent", maxConcurrent, ">= 1");
    }
    if (maxWaitMillis < 0) {
      throw ConfigurationException.invalid("maxWaitMillis", maxWaitMillis, ">= 0");
    }
  }
}
