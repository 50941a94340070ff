package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.FakeTime;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Defect 7: a registry listener that threw an {@link Error} stopped delivery to the listeners
 * after it, and a logging backend that threw while a transition was logged escaped the failure
 * report.
 */
class ThrowingObserversTest {

  private static final CircuitBreakerConfig ONE_FAILURE =
      new CircuitBreakerConfig(1, 1_000, 1, List.of(Throwable.class), List.of());

  @Test
  void aRegistryListenerThrowingAnErrorDoesNotStopTheOthers() {
    GuardRegistry registry = new GuardRegistry(new FakeTime(), new JmxExporter());
    AtomicInteger told = new AtomicInteger();
    registry.addListener((b, from, to) -> {
      throw new AssertionError("first listener bug");
    });
    registry.addListener((b, from, to) -> told.incrementAndGet());
    CircuitBreaker breaker = registry.breaker("throwing-observers.registry", ONE_FAILURE, "T#m", null);

    breaker.onFailure(breaker.tryAcquirePermit(), new IOException());

    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertEquals(1, told.get(), "the second registry listener was told of the transition");
  }

  @Test
  void aThrowingLoggingBackendChangesNoOutcome() {
    CircuitBreaker breaker = CircuitBreaker.create("throwing-observers.log", ONE_FAILURE, new FakeTime());
    AtomicInteger told = new AtomicInteger();
    breaker.addListener((b, from, to) -> told.incrementAndGet());
    Logger logger = Logger.getLogger("dev.warden");
    Handler throwing = new Handler() {
      @Override
      public void publish(LogRecord record) {
        throw new IllegalStateException("logging backend bug");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(throwing);
    try {
      breaker.onFailure(breaker.tryAcquirePermit(), new IOException());
    } finally {
      logger.removeHandler(throwing);
    }
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertEquals(1, told.get(), "the listener was told although logging failed");
  }
}
