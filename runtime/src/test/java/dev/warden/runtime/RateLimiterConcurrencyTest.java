package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The bound {@code admitted <= burst + T * rate} over every window of a one-second run of 8
 * threads on the real clock.
 *
 * <p>An admission happens at some instant between the clock reading just before the call and the
 * one just after it. A window {@code [a, b]} certainly contains the admissions whose whole
 * interval lies inside it, so counting only those never blames the limiter for scheduling noise,
 * while an over-admitting limiter shows up as soon as its extra admissions are timed tightly.
 */
class RateLimiterConcurrencyTest {

  private static final double RATE = 2_000;
  private static final int BURST = 5;
  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(1);

  @Test
  void eightThreadsNeverExceedBurstPlusRateTimesWindow() throws InterruptedException {
    RateLimiter limiter = RateLimiter.create("window", new RateLimiterConfig(RATE, BURST, 0));
    ConcurrentLinkedQueue<long[]> admissions = new ConcurrentLinkedQueue<>();
    long end = System.nanoTime() + RUN_NANOS;
    Concurrently.run(8, index -> {
      while (System.nanoTime() < end) {
        long before = System.nanoTime();
        boolean admitted = index % 2 == 0
            ? limiter.tryAcquire(Duration.ofMillis(3))
            : limiter.tryAcquire();
        long after = System.nanoTime();
        if (admitted) {
          admissions.add(new long[] {before, after});
        } else if (index % 4 == 1) {
          LockSupport.parkNanos(50_000);
        }
      }
    });

    long[][] calls = admissions.toArray(new long[0][]);
    Arrays.sort(calls, Comparator.comparingLong(call -> call[0]));
    int n = calls.length;
    double runSeconds = (calls[n - 1][1] - calls[0][0]) / 1e9;
    assertTrue(n >= RATE * runSeconds * 0.5, n + " admissions in " + runSeconds + " s: the limiter starves callers");

    long[] afters = new long[n];
    for (int i = 0; i < n; i++) {
      long from = calls[i][0];
      int count = 0;
      for (int j = i; j < n; j++) {
        afters[count++] = calls[j][1];
      }
      Arrays.sort(afters, 0, count);
      for (int m = 1; m <= count; m++) {
        long window = afters[m - 1] - from;
        if (m > BURST + window * RATE / 1e9) {
          fail(m + " admissions lie inside a window of " + window + " ns, more than " + BURST
              + " + " + window * RATE / 1e9);
        }
      }
    }
  }
}
