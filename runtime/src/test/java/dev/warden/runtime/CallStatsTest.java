package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallStatsTest {

  @Test
  void countsEachOutcome() {
    CallStats stats = new CallStats("stats");
    for (int i = 0; i < 6; i++) {
      stats.recordCall();
    }
    stats.recordSuccess();
    stats.recordSuccess();
    stats.recordFailure();
    stats.recordRejection();
    stats.recordRejection();
    assertEquals(6, stats.calls());
    assertEquals(2, stats.successes());
    assertEquals(1, stats.failures());
    assertEquals(2, stats.rejections());
    assertEquals(1, stats.inFlight());
    assertEquals(6, stats.peakInFlight());
    stats.recordSuccess();
    assertEquals(0, stats.inFlight());
    assertEquals(3, stats.successes());
    assertEquals(stats.calls(), stats.successes() + stats.failures() + stats.rejections());
    assertEquals("stats", stats.name());
  }

  @Test
  void peakIsTheLargestConcurrency() {
    CallStats stats = new CallStats("peak");
    stats.recordCall();
    stats.recordCall();
    stats.recordSuccess();
    stats.recordCall();
    stats.recordFailure();
    assertEquals(2, stats.peakInFlight());
    assertEquals(1, stats.inFlight());
  }

  @Test
  void eightThreadsLoseNoCount() throws InterruptedException {
    int threads = 8;
    int perThread = 100_000;
    CallStats stats = new CallStats("contended");
    Concurrently.run(threads, index -> {
      for (int i = 0; i < perThread; i++) {
        stats.recordCall();
        switch (i % 4) {
          case 0: stats.recordFailure(); break;
          case 1: stats.recordRejection(); break;
          default: stats.recordSuccess(); break;
        }
      }
    });
    long calls = (long) threads * perThread;
    assertEquals(calls, stats.calls());
    assertEquals(calls / 2, stats.successes());
    assertEquals(calls / 4, stats.failures());
    assertEquals(calls / 4, stats.rejections());
    assertEquals(stats.calls(), stats.successes() + stats.failures() + stats.rejections());
    assertEquals(0, stats.inFlight());
    assertTrue(stats.peakInFlight() >= 1 && stats.peakInFlight() <= threads,
        "peak " + stats.peakInFlight());
  }

  /**
   * Defect 16: {@code successes()} never reports a success that did not happen. Two threads
   * only fail and reject calls while two readers watch: every reading of successes is exactly 0
   * and no counter ever goes backwards.
   */
  @Test
  void successesNeverRunAheadAndNoCounterGoesBackwards() throws InterruptedException {
    CallStats stats = new CallStats("failing");
    int writers = 2;
    int perWriter = 300_000;
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    Concurrently.run(writers + 2, index -> {
      if (index < writers) {
        for (int i = 0; i < perWriter; i++) {
          stats.recordCall();
          if (i % 2 == 0) {
            stats.recordFailure();
          } else {
            stats.recordRejection();
          }
        }
        done.incrementAndGet();
        return;
      }
      long calls = 0;
      long failures = 0;
      long rejections = 0;
      while (done.get() < writers) {
        assertEquals(0, stats.successes(), "no call has succeeded");
        long c = stats.calls();
        long f = stats.failures();
        long r = stats.rejections();
        assertTrue(c >= calls && f >= failures && r >= rejections, "a counter went backwards");
        calls = c;
        failures = f;
        rejections = r;
      }
    });
    assertEquals(0, stats.successes());
    assertEquals((long) writers * perWriter, stats.calls());
  }
}
