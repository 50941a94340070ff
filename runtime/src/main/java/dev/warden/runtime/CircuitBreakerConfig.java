package dev.warden.runtime;

import java.util.List;
import java.util.Objects;

/**
 * Validated configuration of a consecutive-failure circuit breaker, as in {@code @Breaker}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: open after 3 failures in a row, stay open for a minute, then let 2 trial calls
 * decide; only I/O errors count, and a missing file never does:
 *
 * <pre>{@code
 * CircuitBreakerConfig config = new CircuitBreakerConfig(3, 60_000, 2,
 *     List.of(IOException.class), List.of(FileNotFoundException.class));
 * config.isFailure(new FileNotFoundException("x"));  // false
 * config.isFailure(new IOException("x"));            // true
 * }</pre>
 *
 * @param failureThreshold consecutive failures that open the circuit; {@code >= 1}
 * @param cooldownMillis time open before half-open; {@code >= 0}
 * @param halfOpenCalls trial calls admitted at once while half-open; {@code >= 1}
 * @param failOn throwables (and subclasses) that count as failures
 * @param ignore throwables (and subclasses) that never count; wins over {@code failOn}
 */
public record CircuitBreakerConfig(
    int failureThreshold,
    long cooldownMillis,
    int halfOpenCalls,
    List<Class<? extends Throwable>> failOn,
    List<Class<? extends Throwable>> ignore) {

  /** The attribute names, as in the annotation and in override keys. */
  public static final List<String> ATTRIBUTES =
      List.of("failureThreshold", "cooldownMillis", "halfOpenCalls", "failOn", "ignore");

  /**
   * Checks every attribute and copies the lists.
   *
   * @param failureThreshold consecutive failures that open the circuit; {@code >= 1}
   * @param cooldownMillis time open before half-open; {@code >= 0}
   * @param halfOpenCalls trial calls admitted at once while half-open; {@code >= 1}
   * @param failOn throwables (and subclasses) that count as failures
   * @param ignore throwables (and subclasses) that never count; wins over {@code failOn}
   * @throws ConfigurationException naming the first invalid attribute and its value
   * @throws NullPointerException if a list is {@code null} or holds {@code null}
   */
  public CircuitBreakerConfig {
    if (failureThreshold < 1) {
      throw ConfigurationException.invalid("failureThreshold", failureThreshold, ">= 1");
    }
    if (cooldownMillis < 0) {
      throw ConfigurationException.invalid("cooldownMillis", cooldownMillis, ">= 0");
    }
    if (halfOpenCalls < 1) {
      throw ConfigurationException.invalid("halfOpenCalls", halfOpenCalls, ">= 1");
    }
    failOn = List.copyOf(Objects.requireNonNull(failOn, "failOn"));
    ignore = List.copyOf(Objects.requireNonNull(ignore, "ignore"));
  }

  /** {@return the annotation's defaults: 5 failures, 120 s cooldown, 1 trial call, every throwable fails} */
  public static CircuitBreakerConfig defaults() {
    return new CircuitBreakerConfig(5, 120_000, 1, List.of(Throwable.class), List.of());
  }

  /**
   * Whether {@code failure} counts as a failure: it matches {@code failOn} and not {@code ignore}.
   *
   * @param failure a throwable a call ended with
   * @return {@code true} if it counts
   */
  public boolean isFailure(Throwable failure) {
    return !ThrowableTypes.anyMatches(ignore, failure) && ThrowableTypes.anyMatches(failOn, failure);
  }
}
