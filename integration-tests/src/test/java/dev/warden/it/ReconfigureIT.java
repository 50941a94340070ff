package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.bulkhead;
import static dev.warden.it.Guards.limiter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.it.fixtures.Tunable;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import org.junit.jupiter.api.Test;

/** {@code Warden.reconfigure}: the guarded method enforces the new numbers at once, in every mode. */
class ReconfigureIT {

  private final Tunable tunable = Mode.current().fixtures().tunable();

  /**
   * Five tokens at 0.001/s (none comes back during the test): the first call takes one. Lowered
   * to a burst of 2, the bucket keeps its tokens up to the new burst: exactly 2 more calls, then
   * none. Raised back to 5, it keeps the none it holds: a change adds no token.
   */
  @Test
  void aChangedBurstIsEnforcedAtOnce() {
    String name = FIXTURES + "Tunable#retuned";
    assertEquals("ok", tunable.retuned());
    Warden.reconfigure(name, "burst", "2");
    assertEquals(2, limiter(name).config().burst());
    assertEquals("ok", tunable.retuned());
    assertEquals("ok", tunable.retuned());
    assertThrows(ThrottledException.class, tunable::retuned);
    Warden.reconfigure(name, "burst", "5");
    assertThrows(ThrottledException.class, tunable::retuned, "a change adds no token");
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> Warden.reconfigure(name, "burst", "0"));
    assertEquals("Invalid Warden override warden." + name + ".burst=0 (Warden.reconfigure): burst must be >= 1, got 0",
        e.getMessage());
  }

  @Test
  void aRaisedBulkheadLimitAdmitsASecondCallWhileTheFirstRuns() throws Exception {
    String name = FIXTURES + "Tunable#retunedSlots";
    Held first = Held.start(tunable::retunedSlots);
    try {
      assertThrows(BulkheadFullException.class, () -> tunable.retunedSlots(() -> { }));
      Warden.reconfigure(name, "maxConcurrent", "2");
      Held second = Held.start(tunable::retunedSlots);
      assertThrows(BulkheadFullException.class, () -> tunable.retunedSlots(() -> { }), "2 run: the new limit");
      assertEquals("ok", second.finish());
    } finally {
      assertEquals("ok", first.finish());
    }
    assertEquals(2, bulkhead(name).available());
    Warden.reconfigure(name, "maxConcurrent", "1");
    assertEquals(1, bulkhead(name).available());
  }
}
