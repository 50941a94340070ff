package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.Throttled;
import dev.warden.runtime.ConfigurationException;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * An invalid configuration of a woven method is not logged when its site is created: the agent
 * checked it by the same rules and reported it at weave time. Every call fails with it.
 */
class WovenSitesErrorLogTest {

  static class Woven {
    @Throttled(callsPerSecond = -1)
    int misconfigured() {
      return 1;
    }
  }

  private static final String OWNER = Woven.class.getName();

  @Test
  void everyCallFailsAndNothingIsLoggedAgain() {
    int id = WovenSites.register(OWNER, "misconfigured", "()I");
    try (CapturedLog log = new CapturedLog()) {
      String first = assertThrows(ConfigurationException.class, () -> WovenSites.site(id, Woven.class).enter()).getMessage();
      String second = assertThrows(ConfigurationException.class, () -> WovenSites.site(id, Woven.class).enter()).getMessage();
      assertEquals("Invalid @Throttled(callsPerSecond=-1.0) on " + OWNER + "#misconfigured:"
          + " callsPerSecond must be finite and > 0, got -1.0", first);
      assertEquals(first, second);
      assertEquals(List.of(), log.messages(Level.SEVERE, OWNER + "#misconfigured"));
    }
  }
}
