package dev.warden.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.CountCalls;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.Warden;
import dev.warden.runtime.site.GuardSite;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Review 15: Warden's counters are {@code FunctionCounter}s of the newest guard of a name, so a
 * redeploy that makes a new guard (another configuration) makes them go down. docs/monitoring.md
 * says Prometheus treats that as a reset; but a step registry (Datadog, OTLP delta, StatsD, any
 * {@code StepMeterRegistry}, here {@code SimpleMeterRegistry} in {@code STEP} mode) publishes the
 * difference between two readings: a negative number of calls for the step of the redeploy.
 */
class Review15StepCounterTest {

  /** Deployed twice, each time by a class loader of its own. */
  static class Deployed {
    @CountCalls(name = "r15.step")
    void work() {}
  }

  @Test
  void aRedeployNeverPublishesANegativeCount() throws Exception {
    MockClock clock = new MockClock();
    SimpleConfig stepped = new SimpleConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public CountingMode mode() {
        return CountingMode.STEP;
      }
    };
    Duration step = stepped.step();
    SimpleMeterRegistry registry = new SimpleMeterRegistry(stepped, clock);
    WardenMetrics metrics = new WardenMetrics();
    metrics.bindTo(registry);
    try {
      GuardSite first = GuardSite.forMethod(CopiedClass.of(Deployed.class), "work");
      for (int i = 0; i < 5; i++) {
        GuardedCalls.call(first, () -> "ok");
      }
      FunctionCounter successes =
          registry.get("warden.calls").tags("name", "r15.step", "outcome", "success").functionCounter();
      successes.count();
      clock.add(step);
      assertEquals(5, successes.count(), "5 calls in the first step");

      CallStats old = Warden.callStats("r15.step").orElseThrow();
      System.setProperty("warden.r15.step.latency", "true"); // another configuration: a new guard
      GuardSite second;
      try {
        second = GuardSite.forMethod(CopiedClass.of(Deployed.class), "work");
      } finally {
        System.clearProperty("warden.r15.step.latency");
      }
      assertNotSame(old, Warden.callStats("r15.step").orElseThrow(), "the redeploy made a new guard");
      GuardedCalls.call(second, () -> "ok");
      successes.count();
      clock.add(step);
      double published = successes.count();
      assertTrue(published >= 0, "a step's count of calls is never negative; published " + published);
      assertEquals(1, published, "the one call of the second step");
    } finally {
      metrics.close();
    }
  }
}
