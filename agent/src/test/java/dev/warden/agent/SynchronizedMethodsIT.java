package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Defect 4: the agent parked a throttled caller of a {@code synchronized} method while it held the
 * object's monitor (the advice ran inside the method). In a JVM with the agent, a caller parked
 * for its token must hold no monitor, another synchronized method of the same object (or class,
 * for a static method) must run while it is parked, and the body must still run under its monitor;
 * a guarded method that is not synchronized, in the same class, is woven as usual.
 */
class SynchronizedMethodsIT {

  private static Jvm.Result run;

  @BeforeAll
  static void runScenario() {
    run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.sync.Main");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"monitor-free-while-parked-instance", "monitor-free-while-parked-static", "body-holds-monitor",
    "unsynchronized-method-beside"})
  void holds(String check) {
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().lines().anyMatch(("PASS " + check)::equals), run::toString);
  }
}
