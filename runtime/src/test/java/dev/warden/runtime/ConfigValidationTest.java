package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every invalid value of the primitives' configurations is rejected with a message naming it. */
class ConfigValidationTest {

  private static void rejected(String attribute, String value, Executable construction) {
    ConfigurationException e = assertThrows(ConfigurationException.class, construction);
    assertEquals(attribute, e.attribute());
    assertEquals(value, e.value());
    assertTrue(e.getMessage().contains(attribute) && e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void invalidRateLimiterValues() {
    rejected("callsPerSecond", "0.0", () -> new RateLimiterConfig(0, 1, 0));
    rejected("callsPerSecond", "-1.0", () -> new RateLimiterConfig(-1, 1, 0));
    rejected("callsPerSecond", "NaN", () -> new RateLimiterConfig(Double.NaN, 1, 0));
    rejected("callsPerSecond", "Infinity", () -> new RateLimiterConfig(Double.POSITIVE_INFINITY, 1, 0));
    rejected("burst", "0", () -> new RateLimiterConfig(1, 0, 0));
    rejected("maxWaitMillis", "-1", () -> new RateLimiterConfig(1, 1, -1));
  }

  @Test
  void invalidBreakerValues() {
    List<Class<? extends Throwable>> all = List.of(Throwable.class);
    rejected("failureThreshold", "0", () -> new CircuitBreakerConfig(0, 1, 1, all, List.of()));
    rejected("cooldownMillis", "-5", () -> new CircuitBreakerConfig(1, -5, 1, all, List.of()));
    rejected("halfOpenCalls", "0", () -> new CircuitBreakerConfig(1, 1, 0, all, List.of()));
  }

  @Test
  void invalidBulkheadValues() {
    rejected("maxConcurrent", "0", () -> new ConcurrencyLimiterConfig(0, 0));
    rejected("maxConcurrent", "-3", () -> new ConcurrencyLimiterConfig(-3, 0));
    rejected("maxWaitMillis", "-1", () -> new ConcurrencyLimiterConfig(1, -1));
  }

  @Test
  void invalidTimeoutValues() {
    rejected("millis", "0", () -> new TimeoutConfig(0, true));
    rejected("millis", "-1", () -> new TimeoutConfig(-1, false));
    rejected("millis", "4611686018428", () -> new TimeoutConfig(TimeoutConfig.LONGEST_MILLIS + 1, true));
  }

  @Test
  void extremeValidValuesAreAccepted() {
    new ConcurrencyLimiterConfig(Integer.MAX_VALUE, Long.MAX_VALUE);
    assertEquals(4_611_686_018_427L, new TimeoutConfig(TimeoutConfig.LONGEST_MILLIS, true).millis());
    assertTrue(new TimeoutConfig(TimeoutConfig.LONGEST_MILLIS, true).nanos() <= 1L << 62);
    assertEquals(1_000_000L, new TimeoutConfig(1, false).nanos());
    new RateLimiterConfig(RateLimiterConfig.lowestRate(Integer.MAX_VALUE), Integer.MAX_VALUE, Long.MAX_VALUE);
    new RateLimiterConfig(1e-9, 4, 0);
    new RateLimiterConfig(1e12, 1, 0);
    new CircuitBreakerConfig(Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, List.of(), List.of());
  }

  @Test
  void ignoreWinsOverFailOn() {
    CircuitBreakerConfig config = new CircuitBreakerConfig(
        1, 0, 1, List.of(Exception.class), List.of(IOException.class));
    assertTrue(config.isFailure(new IllegalStateException()));
    assertTrue(!config.isFailure(new IOException()));
    assertTrue(!config.isFailure(new Error()));
  }
}
