package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Eight threads on one limiter: the bound {@code admitted <= burst + T * rate} over every window of
 * a one-second run on the real clock, and, on a fake clock that moves only between rounds, exactly
 * the permits the clock allows (none lost to a race, none extra).
 *
 * <p>On the real clock only the bound is checked: how many calls a loaded machine lets the threads
 * make is not the limiter's doing, so no lower bound on admissions is. An admission happens at some instant between the clock reading just before the call and the
 * one just after it. A window {@code [a, b]} certainly contains the admissions whose whole
 * interval lies inside it, so counting only those never blames the limiter for scheduling noise,
 * while an over-admitting limiter shows up as soon as its extra admissions are timed tightly.
 */
class RateLimiterConcurrencyTest {

  private static final double RATE = 2_000;
  private static final int BURST = 5;
  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int ROUNDS = 1_000;
  private static final int ROUND_BURST = 100;
  private static final long STEP_NANOS = 25_184_567; // 50.37 intervals of 500 us: below ROUND_BURST - 1, none capped

  @Test
  void eightThreadsNeverExceedBurstPlusRateTimesWindow() throws InterruptedException {
    RateLimiter limiter = RateLimiter.create("window", new RateLimiterConfig(RATE, BURST, 0));
    ConcurrentLinkedQueue<long[]> admissions = new ConcurrentLinkedQueue<>();
    long end = System.nanoTime() + RUN_NANOS;
    Concurrently.run(8, index -> {
      do { // at least one call each, however late the thread starts: the first BURST are admitted
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
      } while (System.nanoTime() < end);
    });

    long[][] calls = admissions.toArray(new long[0][]);
    Arrays.sort(calls, Comparator.comparingLong(call -> call[0]));
    int n = calls.length;
    assertTrue(n >= BURST, n + " admissions: the first " + BURST + " calls find a full bucket");

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

  /**
   * Rounds on a fake clock: in each, eight threads released together take permits until refused;
   * between rounds the clock moves by {@link #STEP_NANOS}, not a whole number of intervals. After
   * {@code k} steps exactly {@code ROUND_BURST + floor(k * STEP_NANOS / interval)} permits have been
   * taken (a lost update shows as too many). While the clock stands still a refusal is final: a
   * call that starts after another call of the round was refused must be refused too, so a
   * caller refused although a permit was free (say, after losing a compare-and-set race) shows as
   * an admission after a refusal. Nothing depends on how the threads are scheduled.
   */
  @Test
  void eightThreadsTakeExactlyThePermitsAFakeClockAllows() throws InterruptedException {
    FakeTime time = new FakeTime();
    RateLimiter limiter = RateLimiter.create("exact", new RateLimiterConfig(RATE, ROUND_BURST, 0), time);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger admittedAfterARefusal = new AtomicInteger();
    AtomicBoolean refused = new AtomicBoolean();
    AtomicInteger round = new AtomicInteger();
    AtomicInteger doneWithRound = new AtomicInteger();
    int[] taken = new int[ROUNDS];
    Concurrently.run(8, index -> {
      for (int r = 0; r < ROUNDS; r++) {
        if (index == 0 && r > 0) { // thread 0 closes the last round once all eight are done with it
          while (doneWithRound.get() < 8 * r) {
            Thread.yield();
          }
          taken[r - 1] = admitted.get();
          refused.set(false);
          time.advance(STEP_NANOS);
          round.set(r);
        }
        while (round.get() < r) { // the others wait spinning, to race for the new permits at once
          Thread.yield();
        }
        for (;;) {
          boolean afterARefusal = refused.get();
          if (!(index % 2 == 0 ? limiter.tryAcquire() : limiter.tryAcquire(Duration.ZERO))) {
            refused.set(true);
            break;
          }
          admitted.incrementAndGet();
          if (afterARefusal) {
            admittedAfterARefusal.incrementAndGet();
          }
        }
        doneWithRound.incrementAndGet();
      }
    });
    taken[ROUNDS - 1] = admitted.get();

    assertEquals(0, admittedAfterARefusal.get(), "calls admitted after another call of the same round (same clock reading) was refused");
    long interval = (long) (1e9 / RATE);
    for (int k = 0; k < ROUNDS; k++) {
      assertEquals(ROUND_BURST + k * STEP_NANOS / interval, taken[k], "permits taken after " + k + " steps");
    }
  }
}
