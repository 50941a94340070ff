package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.BreakerListener;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Listeners, the transition log, JMX beans and the {@link Warden} facade. */
class ObservabilityTest {

  static class Monitored {
    @Breaker(name = "observe.breaker", failureThreshold = 1, cooldownMillis = 0)
    void flaky() {}

    @CountCalls
    @Breaker(failureThreshold = 3, cooldownMillis = 45_000, halfOpenCalls = 2)
    @Throttled(callsPerSecond = 250, burst = 4, maxWaitMillis = 0)
    void all() {}

    @CountCalls(name = "observe.facade")
    void facade() {}
  }

  @Test
  void everyTransitionIsLoggedOnceAndDeliveredToListeners() throws Exception {
    List<String> global = new CopyOnWriteArrayList<>();
    List<String> own = new CopyOnWriteArrayList<>();
    BreakerListener globalListener = (breaker, from, to) -> {
      if (breaker.name().equals("observe.breaker")) {
        global.add(from + "->" + to);
      }
    };
    Warden.addListener(globalListener);
    try (CapturedLog log = new CapturedLog()) {
      GuardSite site = GuardSite.forMethod(Monitored.class, "flaky");
      CircuitBreaker breaker = Warden.breaker("observe.breaker").orElseThrow();
      breaker.addListener((b, from, to) -> own.add(from + "->" + to));

      assertThrows(IOException.class, () -> Protocol.call(site, () -> {
        throw new IOException("fails once");
      }));
      Protocol.call(site, () -> "recovers");

      List<String> expected = List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
      assertEquals(expected, global);
      assertEquals(expected, own);
      assertEquals(
          List.of("Circuit breaker 'observe.breaker': CLOSED -> OPEN after 1 consecutive failure; calls are refused"
              + " for 0 ms; last failure: java.io.IOException: fails once"),
          log.messages(Level.WARNING, "'observe.breaker'"));
      assertEquals(
          List.of(
              "Circuit breaker 'observe.breaker': OPEN -> HALF_OPEN",
              "Circuit breaker 'observe.breaker': HALF_OPEN -> CLOSED"),
          log.messages(Level.INFO, "'observe.breaker'"));
    } finally {
      assertTrue(Warden.removeListener(globalListener));
    }
    assertFalse(Warden.removeListener(globalListener));
  }

  /**
   * Module defect M1: with the runtime a named module (as surefire runs these tests), MXBean
   * interfaces in the unexported {@code internal} package could not be read by JMX ("does not export
   * dev.warden.runtime.internal to unnamed module"); the beans are now dynamic MBeans.
   */
  @Test
  void eachGuardIsAnMBeanShowingItsCountersAndState() throws Exception {
    GuardSite site = GuardSite.forMethod(Monitored.class, "all");
    Protocol.call(site, () -> null);
    assertThrows(IllegalStateException.class, () -> Protocol.call(site, () -> {
      throw new IllegalStateException();
    }));
    String name = Monitored.class.getName() + "#all";
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    ObjectName count = new ObjectName("dev.warden:type=CountCalls,name=" + ObjectName.quote(name));
    assertEquals(name, server.getAttribute(count, "Name"));
    assertEquals(2L, server.getAttribute(count, "Calls"));
    assertEquals(1L, server.getAttribute(count, "Successes"));
    assertEquals(1L, server.getAttribute(count, "Failures"));
    assertEquals(0L, server.getAttribute(count, "Rejections"));
    assertEquals(0L, server.getAttribute(count, "InFlight"));
    assertEquals(1L, server.getAttribute(count, "PeakInFlight"));

    ObjectName breaker = new ObjectName("dev.warden:type=Breaker,name=" + ObjectName.quote(name));
    assertEquals("CLOSED", server.getAttribute(breaker, "State"));
    assertEquals(1, server.getAttribute(breaker, "ConsecutiveFailures"));
    assertEquals(3, server.getAttribute(breaker, "FailureThreshold"));
    assertEquals(45_000L, server.getAttribute(breaker, "CooldownMillis"));
    assertEquals(2, server.getAttribute(breaker, "HalfOpenCalls"));

    ObjectName throttled = new ObjectName("dev.warden:type=Throttled,name=" + ObjectName.quote(name));
    assertEquals(250.0, server.getAttribute(throttled, "CallsPerSecond"));
    assertEquals(4, server.getAttribute(throttled, "Burst"));
    assertEquals(0L, server.getAttribute(throttled, "MaxWaitMillis"));
    long available = (Long) server.getAttribute(throttled, "AvailablePermits");
    assertTrue(available >= 2 && available <= 4, "available " + available);

    Set<ObjectName> all = server.queryNames(new ObjectName("dev.warden:*,name=" + ObjectName.quote(name)), null);
    assertEquals(Set.of(count, breaker, throttled), all);
  }

  @Test
  void theFacadeFindsGuardsByName() throws Exception {
    assertFalse(Warden.callStats("observe.facade").isPresent(), "not created before its site");
    GuardSite site = GuardSite.forMethod(Monitored.class, "facade");
    Protocol.call(site, () -> null);
    assertEquals(1, Warden.callStats("observe.facade").orElseThrow().calls());
    assertSame(Warden.callStats("observe.facade").get(), Warden.callStats("observe.facade").get());
    assertTrue(Warden.names().contains("observe.facade"));
    assertFalse(Warden.breaker("observe.facade").isPresent(), "no @Breaker of that name");
    assertFalse(Warden.rateLimiter("observe.facade").isPresent());
    assertFalse(Warden.callStats("observe.none").isPresent());
    assertThrows(UnsupportedOperationException.class, () -> Warden.names().add("x"));
    List<String> names = List.copyOf(Warden.names());
    assertEquals(names.stream().sorted().toList(), names, "sorted");
  }
}
