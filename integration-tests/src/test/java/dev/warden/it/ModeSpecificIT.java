package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.callsOf;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.it.fixtures.Catalog;
import dev.warden.it.fixtures.Housekeeping;
import dev.warden.it.fixtures.InMemoryCatalog;
import dev.warden.it.fixtures.Payments;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import org.junit.jupiter.api.Test;

/**
 * Scenarios that hold in one mode only, as their names say: a subclass cannot override static,
 * private or final methods (agent only); the agent weaves bodies, not abstract interface methods
 * (processor only). Elsewhere they are skipped by assumption.
 */
class ModeSpecificIT {

  private final Mode mode = Mode.current();

  @Test
  void agentIsAttachedExactlyInTheAgentModes() {
    assertEquals(mode.agent(), Mode.agentAttached(), "mode " + mode);
  }

  @Test
  void agentOnly_staticMethodIsGuarded() {
    assumeTrue(mode.agent(), "agent only");
    Housekeeping.purgeExpired();
    Housekeeping.purgeExpired();
    assertEquals(2, stats(FIXTURES + "Housekeeping#purgeExpired").calls());
  }

  @Test
  void agentOnly_privateMethodIsGuarded() {
    assumeTrue(mode.agent(), "agent only");
    assertEquals(42, new Housekeeping().compact());
    assertEquals(1, stats(FIXTURES + "Housekeeping#doCompact").calls());
  }

  @Test
  void agentOnly_finalMethodIsGuarded() {
    assumeTrue(mode.agent(), "agent only");
    Housekeeping housekeeping = new Housekeeping();
    assertEquals(1, housekeeping.rotateLogs());
    assertThrows(ThrottledException.class, housekeeping::rotateLogs);
  }

  @Test
  void agentOnly_interfaceMethodAnnotationIsNotWoven() {
    assumeTrue(mode == Mode.AGENT, "agent without generated wrappers only");
    Catalog catalog = mode.fixtures().catalog(new InMemoryCatalog());
    for (int i = 0; i < 5; i++) {
      assertEquals("product " + i, catalog.lookup(String.valueOf(i)), "burst 2 would have rejected call " + i);
    }
    assertTrue(Warden.callStats(FIXTURES + "Catalog#lookup").isEmpty(), Warden.names().toString());
  }

  @Test
  void processorOnly_interfaceWrapperGuardsTheDelegate() {
    assumeTrue(mode.processor(), "processor only");
    Catalog catalog = mode.fixtures().catalog(new InMemoryCatalog());
    assertEquals("product 1", catalog.lookup("1"));
    assertEquals("product 2", catalog.lookup("2"));
    assertThrows(ThrottledException.class, () -> catalog.lookup("3"));
    assertEquals(3, stats(FIXTURES + "Catalog#lookup").calls());
  }

  @Test
  void processorOnly_plainClassStaysUnguardedWithoutTheAgent() {
    assumeTrue(mode == Mode.PROCESSOR, "processor without the agent only");
    String name = FIXTURES + "Payments$Refunds#refund";
    mode.fixtures().refunds(); // initialises the generated class, which creates the guard
    long before = callsOf(name);
    Payments.Refunds plain = new Payments.Refunds();
    for (int i = 0; i < 3; i++) {
      plain.refund("p" + i);
    }
    assertEquals(before, callsOf(name));
  }
}
