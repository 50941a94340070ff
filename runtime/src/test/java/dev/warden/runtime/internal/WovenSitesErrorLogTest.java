package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.ConfigurationException;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * An invalid configuration of a woven method is logged once: by the runtime when its site is
 * created, unless the agent has already reported it at weave time. Every call fails either way.
 */
class WovenSitesErrorLogTest {

  static class Woven {
    @Throttled(callsPerSecond = -1)
    int reportedByTheAgent() {
      return 1;
    }

    @Breaker(failureThreshold = 0)
    int notReportedByTheAgent() {
      return 2;
    }
  }

  private static final String OWNER = Woven.class.getName();

  @Test
  void doesNotLogAgainWhatTheAgentReported() {
    int id = WovenSites.register(OWNER, "reportedByTheAgent", "()I", true);
    try (CapturedLog log = new CapturedLog()) {
      String first = assertThrows(ConfigurationException.class, () -> WovenSites.site(id, Woven.class).enter()).getMessage();
      String second = assertThrows(ConfigurationException.class, () -> WovenSites.site(id, Woven.class).enter()).getMessage();
      assertEquals("Invalid @Throttled(callsPerSecond=-1.0) on " + OWNER + "#reportedByTheAgent:"
          + " callsPerSecond must be finite and > 0, got -1.0", first);
      assertEquals(first, second);
      assertEquals(List.of(), log.messages(Level.SEVERE, OWNER + "#reportedByTheAgent"));
    }
  }

  @Test
  void logsOnceWhatTheAgentDidNotReport() {
    int id = WovenSites.register(OWNER, "notReportedByTheAgent", "()I", false);
    try (CapturedLog log = new CapturedLog()) {
      ConfigurationException first = assertThrows(ConfigurationException.class, () -> WovenSites.site(id, Woven.class).enter());
      assertThrows(ConfigurationException.class, () -> WovenSites.site(id, Woven.class).enter());
      assertEquals(List.of(OWNER + "#notReportedByTheAgent: every call will fail: " + first.getMessage()),
          log.messages(Level.SEVERE, OWNER + "#notReportedByTheAgent"));
    }
  }
}
