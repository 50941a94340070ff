package dev.warden.runtime;

import java.util.List;
import java.util.Objects;

/**
 * Validated configuration of a consecutive-failure circuit breaker, as in {@code @Breaker}.
 *
 * <p>Immutable; safe to share between threads.
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
   * @throws ConfigurationException naming the first invalid attribute and its value
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

  /** The annotation's defaults: 5 failures, 120 s cooldown, 1 trial call, every throwable fails. */
  public static CircuitBreakerConfig defaults() {
    return new CircuitBreakerConfig(5, 120_000, 1, List.of(Throwable.class), List.of());
  }

  /** Whether {@code failure} counts as a failure: it matches {@code failOn} and not {@code ignore}. */
  public boolean isFailure(Throwable failure) {
    return matches(ignore, failure) ? false : matches(failOn, failure);
  }

  private static boolean matches(List<Class<? extends Throwable>> types, Throwable failure) {
    for (int i = 0, n = types.size(); i < n; i++) {
      if (types.get(i).isInstance(failure)) {
        return true;
      }
    }
    return false;
  }
}
