package dev.warden.processor;

import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import java.util.List;

/**
 * Validates the values of one declaration with the runtime's own configuration records, so the
 * rules and their messages exist once.
 */
final class ValueValidator {

  private final Reporter reporter;

  ValueValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  void validate(Declaration d, String where) {
    try {
      switch (d.kind()) {
        case THROTTLED -> new RateLimiterConfig(
            d.number("callsPerSecond").doubleValue(),
            d.number("burst").intValue(),
            d.number("maxWaitMillis").longValue());
        case BREAKER -> new CircuitBreakerConfig(
            d.number("failureThreshold").intValue(),
            d.number("cooldownMillis").longValue(),
            d.number("halfOpenCalls").intValue(),
            List.of(),
            List.of());
        case COUNT_CALLS -> { }
      }
    } catch (ConfigurationException e) {
      reporter.error(d, e.attribute(),
          "Invalid " + d.kind().display() + "(" + e.attribute() + "=" + e.value() + ") on " + where + ": "
              + e.getMessage());
    }
  }
}
