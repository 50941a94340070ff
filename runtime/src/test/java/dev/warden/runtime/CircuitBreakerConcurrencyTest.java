package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Threads racing into HALF_OPEN: exactly {@code halfOpenCalls} trials run, round after round.
 *
 * <p>The start gate of each round is a spin on a volatile round number rather than a blocking
 * barrier: woken from a barrier, threads trickle in microseconds apart and never overlap, while
 * spinning threads that are on a CPU when the gate opens call the breaker within nanoseconds of
 * each other, which is what exposes a non-atomic slot count.
 */
class CircuitBreakerConcurrencyTest {

  private static final int THREADS = 16;
  private static final int ROUNDS = 1_000;
  private static final int HALF_OPEN_CALLS = 3;

  @Test
  void sixteenThreadsRacingIntoHalfOpenRunExactlyHalfOpenCallsTrials() throws Exception {
    Logger log = Logger.getLogger("dev.warden");
    Level level = log.getLevel();
    log.setLevel(Level.WARNING); // 2,000 transitions would flood the build output
    try {
      race();
    } finally {
      log.setLevel(level);
    }
  }

  private void race() throws Exception {
    FakeTime time = new FakeTime();
    CircuitBreaker breaker = CircuitBreaker.create(
        "race", new CircuitBreakerConfig(1, 1_000, HALF_OPEN_CALLS, List.of(Throwable.class), List.of()), time);
    AtomicReferenceArray<CircuitBreaker.Permit> permits = new AtomicReferenceArray<>(THREADS);
    AtomicInteger round = new AtomicInteger(-1);
    AtomicInteger finished = new AtomicInteger();

    breaker.onFailure(breaker.tryAcquirePermit(), new RuntimeException());
    Thread driver = new Thread(() -> {
      for (int r = 0; r < ROUNDS; r++) {
        time.advanceMillis(1_000);
        round.set(r);
        while (finished.get() < THREADS * (r + 1)) {
          Thread.yield();
        }
        List<CircuitBreaker.Permit> trials = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          if (permits.get(i) != null) {
            trials.add(permits.get(i));
          }
        }
        assertEquals(HALF_OPEN_CALLS, trials.size(), "trials admitted in round " + r);
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        breaker.onFailure(trials.get(0), new RuntimeException());
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        for (CircuitBreaker.Permit ended : trials.subList(1, trials.size())) {
          breaker.releasePermit(ended); // the other trials end too: their slots are free next round
        }
      }
    });
    Throwable[] driverFailure = new Throwable[1];
    driver.setUncaughtExceptionHandler((t, e) -> {
      driverFailure[0] = e;
      round.set(Integer.MAX_VALUE);
    });
    driver.start();
    Concurrently.run(THREADS, index -> {
      for (int r = 0; r < ROUNDS; r++) {
        int current;
        while ((current = round.get()) < r) {
          Thread.onSpinWait();
          Thread.yield();
        }
        if (current == Integer.MAX_VALUE) {
          return;
        }
        permits.set(index, breaker.tryAcquirePermit());
        finished.incrementAndGet();
      }
    });
    driver.join();
    if (driverFailure[0] != null) {
      throw new AssertionError(driverFailure[0]);
    }
  }
}
