package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.FakeTime;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * {@code @CountCalls} declarations are the same only if they agree on latency; latency statistics
 * run on the registry's clock and show their figures over JMX.
 */
class StatsRegistryTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = new GuardRegistry(time, new JmxExporter());

  @Test
  void latencyOnAndOffAreDifferentDeclarations() throws Exception {
    try (URLClassLoader appA = new URLClassLoader(new URL[0]);
        URLClassLoader appB = new URLClassLoader(new URL[0]);
        URLClassLoader appC = new URLClassLoader(new URL[0])) {
      CallStats plain = registry.stats("stats.latency", false, "A#first", appA);
      assertFalse(plain.measuresLatency());
      assertSame(plain, registry.stats("stats.latency", true, "A#second", appA), "the loader's first declaration wins");
      CallStats timed = registry.stats("stats.latency", true, "B#first", appB);
      assertNotSame(plain, timed, "another loader asking for latency gets statistics of its own");
      assertTrue(timed.measuresLatency());
      assertSame(timed, registry.findStats("stats.latency"));
      assertSame(timed, registry.stats("stats.latency", true, "C#first", appC), "an equal declaration shares");
    }
  }

  @Test
  void latencyShowsInJmxOnTheRegistrysClock() throws Exception {
    CallStats stats = registry.stats("stats.jmx.latency", true, "A#m", null);
    stats.recordCall();
    long start = stats.startNanos();
    time.advance(2_000);
    stats.recordSuccess(start);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = JmxExporter.objectName("CountCalls", "stats.jmx.latency");
    assertEquals(1L, server.getAttribute(name, "LatencyCount"));
    assertEquals(2_000L, server.getAttribute(name, "MaxNanos"));
    assertEquals(1L, server.getAttribute(name, "RecentCount"));
    assertEquals(2_000L, server.getAttribute(name, "RecentMaxNanos"));
    long p50 = (Long) server.getAttribute(name, "P50Nanos");
    assertTrue(Math.abs(p50 - 2_000) <= 2_000 / 128, "p50 " + p50);
    for (String attribute : new String[] {"P99Nanos", "P999Nanos", "RecentP50Nanos", "RecentP99Nanos", "RecentP999Nanos"}) {
      long value = (Long) server.getAttribute(name, attribute);
      assertTrue(Math.abs(value - 2_000) <= 2_000 / 128, attribute + " " + value);
    }

    registry.stats("stats.jmx.plain", false, "A#n", null);
    ObjectName plain = JmxExporter.objectName("CountCalls", "stats.jmx.plain");
    assertFalse(java.util.Arrays.stream(server.getMBeanInfo(plain).getAttributes())
        .anyMatch(a -> a.getName().contains("Nanos") || a.getName().contains("Latency")), "no latency attributes");
  }
}
