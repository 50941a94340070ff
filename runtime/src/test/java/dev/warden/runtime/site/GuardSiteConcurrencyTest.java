package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.Concurrently;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Eight threads through one site whose breaker keeps opening and closing: every count is exact. */
class GuardSiteConcurrencyTest {

  static class Busy {
    @CountCalls(name = "concurrent.stats")
    @Breaker(name = "concurrent.breaker", failureThreshold = 2, cooldownMillis = 0, halfOpenCalls = 2)
    @Throttled(name = "concurrent.limit", callsPerSecond = 1e12, burst = 1_000_000, maxWaitMillis = 0)
    void work() {}
  }

  @Test
  void countsMatchWhatTheCallersSaw() throws InterruptedException {
    int threads = 8;
    int perThread = 20_000;
    GuardSite site = GuardSite.forMethod(Busy.class, "work");
    LongAdder successes = new LongAdder();
    LongAdder failures = new LongAdder();
    LongAdder rejections = new LongAdder();
    Logger log = Logger.getLogger("dev.warden");
    Level level = log.getLevel();
    log.setLevel(Level.WARNING);
    try {
      Concurrently.run(threads, index -> {
        for (int i = 0; i < perThread; i++) {
          boolean fail = (i + index) % 3 == 0;
          try {
            Protocol.call(site, () -> {
              if (fail) {
                throw new IOException("planned");
              }
              return null;
            });
            successes.increment();
          } catch (IOException e) {
            failures.increment();
          } catch (CircuitOpenException e) {
            rejections.increment();
          }
        }
      });
    } finally {
      log.setLevel(level);
    }
    CallStats stats = Warden.callStats("concurrent.stats").orElseThrow();
    assertEquals((long) threads * perThread, stats.calls());
    assertEquals(successes.sum(), stats.successes());
    assertEquals(failures.sum(), stats.failures());
    assertEquals(rejections.sum(), stats.rejections());
    assertEquals(0, stats.inFlight());
    assertTrue(stats.peakInFlight() >= 1 && stats.peakInFlight() <= threads, "peak " + stats.peakInFlight());
    assertTrue(failures.sum() > 0 && successes.sum() > 0, "both outcomes occurred");
  }
}
