package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Reconfigurations racing calls, on a clock that stands still: the bucket's tokens are neither
 * created nor lost by a change, so exactly {@code burst} calls are admitted however many changes
 * run between them. A call judged by new numbers against the old arrival time (or the reverse), or
 * a rebase lost to a concurrent admission, would change the count.
 */
class ReconfigureRaceTest {

  private static final int CALLERS = 3;
  private static final int CALLS_EACH = 2_000;
  private static final int CHANGES = 20_000;

  @Test
  void changesBetweenEqualNumbersNeitherCreateNorLoseTokens() throws Exception {
    assertEquals(100, admittedWhileChanging(new RateLimiterConfig(10, 100, 0), new RateLimiterConfig(10, 100, 0)));
  }

  @Test
  void changesBetweenTwoRatesNeitherCreateNorLoseTokens() throws Exception {
    // 10/s and 40/s: intervals of 100 ms and 25 ms, so a fill converts exactly both ways
    assertEquals(100, admittedWhileChanging(new RateLimiterConfig(10, 100, 0), new RateLimiterConfig(40, 100, 0)));
  }

  private static int admittedWhileChanging(RateLimiterConfig a, RateLimiterConfig b) throws Exception {
    FakeTime time = new FakeTime();
    RateLimiter limiter = RateLimiter.create("race.reconfigure", a, time);
    assertEquals(a.burst(), limiter.availablePermits());
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS + 1);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger admitted = new AtomicInteger();
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < CALLERS; t++) {
        tasks.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < CALLS_EACH; i++) {
            if (limiter.tryAcquire()) {
              admitted.incrementAndGet();
            }
          }
          return null;
        }));
      }
      tasks.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < CHANGES; i++) {
          limiter.reconfigure(i % 2 == 0 ? b : a);
        }
        return null;
      }));
      start.countDown();
      for (Future<?> task : tasks) {
        task.get();
      }
      limiter.reconfigure(a);
      assertEquals(0, limiter.availablePermits(), "every token was taken");
      return admitted.get();
    } finally {
      pool.shutdownNow();
    }
  }
}
