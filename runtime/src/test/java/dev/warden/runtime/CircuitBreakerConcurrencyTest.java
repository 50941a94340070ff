package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/** Threads racing into HALF_OPEN: exactly {@code halfOpenCalls} trials run, round after round. */
class CircuitBreakerConcurrencyTest {

  private static final int THREADS = 16;
  private static final int ROUNDS = 1_000;
  private static final int HALF_OPEN_CALLS = 3;

  @Test
  void sixteenThreadsRacingIntoHalfOpenRunExactlyHalfOpenCallsTrials() throws Exception {
    FakeTime time = new FakeTime();
    CircuitBreaker breaker = CircuitBreaker.create(
        "race", new CircuitBreakerConfig(1, 1_000, HALF_OPEN_CALLS, List.of(Throwable.class), List.of()), time);
    AtomicReferenceArray<Object> permits = new AtomicReferenceArray<>(THREADS);
    AtomicInteger round = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(THREADS + 1);
    CyclicBarrier done = new CyclicBarrier(THREADS + 1);

    Object first = breaker.tryAcquirePermit();
    breaker.onFailure(first, new RuntimeException());
    Concurrently.Body racer = index -> {
      for (int r = 0; r < ROUNDS; r++) {
        start.await(10, TimeUnit.SECONDS);
        permits.set(index, breaker.tryAcquirePermit());
        done.await(10, TimeUnit.SECONDS);
      }
    };
    Thread driver = new Thread(() -> {
      try {
        for (int r = 0; r < ROUNDS; r++) {
          time.advanceMillis(1_000);
          start.await(10, TimeUnit.SECONDS);
          done.await(10, TimeUnit.SECONDS);
          int trials = 0;
          Object trial = null;
          for (int i = 0; i < THREADS; i++) {
            if (permits.get(i) != null) {
              trials++;
              trial = permits.get(i);
            }
          }
          assertEquals(HALF_OPEN_CALLS, trials, "trials admitted in round " + r);
          assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
          breaker.onFailure(trial, new RuntimeException());
          assertEquals(CircuitBreaker.State.OPEN, breaker.state());
          round.incrementAndGet();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Throwable[] driverFailure = new Throwable[1];
    driver.setUncaughtExceptionHandler((t, e) -> {
      driverFailure[0] = e;
      start.reset();
      done.reset();
    });
    driver.start();
    AssertionError racersFailure = null;
    try {
      Concurrently.run(THREADS, racer);
    } catch (AssertionError e) {
      racersFailure = e;
    }
    driver.join(TimeUnit.SECONDS.toMillis(30));
    if (driverFailure[0] != null) {
      throw new AssertionError(driverFailure[0]);
    }
    if (racersFailure != null) {
      throw racersFailure;
    }
    assertEquals(ROUNDS, round.get());
  }
}
