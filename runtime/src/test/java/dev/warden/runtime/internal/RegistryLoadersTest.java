package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.FakeTime;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Defect 6: with two live class loaders declaring one name with different configurations, each
 * declaration replaced the other's guard, so two methods of one loader carrying the name no
 * longer shared a guard.
 */
class RegistryLoadersTest {

  private static final CircuitBreakerConfig A_CONFIG = config(1);
  private static final CircuitBreakerConfig B_CONFIG = config(2);

  @Test
  void eachLiveLoadersMethodsShareItsGuardAndLookupsShowTheNewest() throws Exception {
    GuardRegistry registry = new GuardRegistry(new FakeTime(), new JmxExporter());
    try (URLClassLoader appA = new URLClassLoader(new URL[0]);
        URLClassLoader appB = new URLClassLoader(new URL[0]);
        URLClassLoader appC = new URLClassLoader(new URL[0])) {
      CircuitBreaker aFirst = registry.breaker("loaders", A_CONFIG, "A#first", appA);
      CircuitBreaker bFirst = registry.breaker("loaders", B_CONFIG, "B#first", appB);
      assertNotSame(aFirst, bFirst, "another loader's different configuration gets a guard of its own");
      assertSame(bFirst, registry.findBreaker("loaders"), "lookups show the newest");

      assertSame(aFirst, registry.breaker("loaders", A_CONFIG, "A#second", appA),
          "app A's second method shares app A's guard");
      assertSame(bFirst, registry.breaker("loaders", B_CONFIG, "B#second", appB));
      assertSame(bFirst, registry.findBreaker("loaders"), "lookups still show the newest");

      assertSame(bFirst, registry.breaker("loaders", B_CONFIG, "C#first", appC),
          "an equal configuration from a third loader shares the newest guard");
      assertSame(aFirst, registry.breaker("loaders", B_CONFIG, "A#third", appA),
          "a loader keeps its guard even when it declares another configuration");
    }
  }

  private static CircuitBreakerConfig config(int threshold) {
    return new CircuitBreakerConfig(threshold, 1_000, 1, List.of(IOException.class), List.of());
  }
}
