package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Deterministic tests of the token bucket on a fake clock: nothing sleeps. */
class RateLimiterTest {

  private static final long MS = 1_000_000L;

  private final FakeTime time = new FakeTime();

  private RateLimiter limiter(double callsPerSecond, int burst) {
    return RateLimiter.create("test", new RateLimiterConfig(callsPerSecond, burst, 0), time);
  }

  @Test
  void startsFullAndAdmitsTheBurstAtOnce() {
    RateLimiter limiter = limiter(10, 3);
    assertEquals(3, limiter.availablePermits());
    assertTrue(limiter.tryAcquire());
    assertTrue(limiter.tryAcquire());
    assertTrue(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire());
    assertEquals(0, limiter.availablePermits());
  }

  @Test
  void refillsOneTokenPerIntervalUpToTheBurst() {
    RateLimiter limiter = limiter(10, 3);
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.tryAcquire());
    }
    time.advance(100 * MS - 1);
    assertFalse(limiter.tryAcquire(), "token due 1 ns later");
    time.advance(1);
    assertTrue(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire());

    time.advanceMillis(10_000);
    assertEquals(3, limiter.availablePermits(), "a long pause refills only up to the burst");
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.tryAcquire());
    }
    assertFalse(limiter.tryAcquire());
  }

  @Test
  void availablePermitsCountsPartialRefill() {
    RateLimiter limiter = limiter(10, 3);
    limiter.tryAcquire();
    assertEquals(2, limiter.availablePermits());
    limiter.tryAcquire();
    limiter.tryAcquire();
    time.advanceMillis(250);
    assertEquals(2, limiter.availablePermits());
  }

  @Test
  void aTokenNotDueWithinMaxWaitIsRejectedWithoutSleeping() throws InterruptedException {
    RateLimiter limiter = limiter(10, 1);
    assertTrue(limiter.tryAcquire());
    long before = time.peek();

    assertFalse(limiter.tryAcquire(Duration.ofMillis(99)));
    assertFalse(limiter.tryAcquire(99_999_999, TimeUnit.NANOSECONDS));
    assertEquals(0, time.parks(), "a rejection never parks");
    assertEquals(before, time.peek());

    assertTrue(limiter.tryAcquire(Duration.ofMillis(100)), "the rejections reserved nothing");
    assertEquals(1, time.parks());
    assertEquals(before + 100 * MS, time.peek(), "parked exactly until the token was due");
  }

  @Test
  void reservationsAreServedInOrder() {
    RateLimiter limiter = limiter(10, 1);
    assertEquals(0, limiter.reserve(0));
    assertEquals(100 * MS, limiter.reserve(Long.MAX_VALUE));
    assertEquals(200 * MS, limiter.reserve(Long.MAX_VALUE));
    assertEquals(-1, limiter.reserve(300 * MS - 1), "the next token is 300 ms away");
    assertEquals(300 * MS, limiter.reserve(300 * MS));

    time.advanceMillis(300);
    assertFalse(limiter.tryAcquire(), "the 300 ms token is taken by its reservation");
    time.advanceMillis(100);
    assertTrue(limiter.tryAcquire());
  }

  @Test
  void acquireParksUntilItsReservedTokenIsDue() throws InterruptedException {
    RateLimiter limiter = limiter(4, 2);
    long start = time.peek();
    for (int i = 0; i < 6; i++) {
      limiter.acquire();
    }
    assertEquals(4, time.parks(), "two from the burst, four waited for");
    assertEquals(start + 1_000 * MS, time.peek(), "four tokens at 4/s take one second");
  }

  @Test
  void interruptWhileParkedThrowsAndTheTokenStaysSpent() {
    RateLimiter limiter = limiter(10, 1);
    limiter.tryAcquire();
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> limiter.tryAcquire(Duration.ofSeconds(1)));
    assertFalse(Thread.interrupted(), "InterruptedException clears the flag, as is the convention");
    assertFalse(limiter.tryAcquire(), "the token the interrupted call reserved is spent");
  }

  /**
   * Another caller takes a token between this caller's start and its reservation (a preemption
   * or a lost compare-and-set): this caller must be judged by the time after that, when a token
   * is still free, not rejected on its older clock reading.
   */
  @Test
  void aCallerOvertakenBeforeItsReservationIsJudgedByTheCurrentTime() {
    AtomicBoolean interleave = new AtomicBoolean();
    RateLimiter[] limiter = new RateLimiter[1];
    TimeSource overtaking = new TimeSource() {
      @Override
      public long nanoTime() {
        long reading = time.nanoTime();
        if (interleave.getAndSet(false)) {
          time.advanceMillis(10);
          assertTrue(limiter[0].tryAcquire(), "the overtaking caller");
        }
        return reading;
      }

      @Override
      public void parkNanos(long nanos) {
        time.parkNanos(nanos);
      }
    };
    limiter[0] = RateLimiter.create("overtaken", new RateLimiterConfig(1_000, 2, 0), overtaking);
    interleave.set(true);
    assertTrue(limiter[0].tryAcquire(), "one of the two tokens is still free after the other caller");
    assertFalse(limiter[0].tryAcquire());
  }

  @Test
  void negativeWaitIsRejected() {
    RateLimiter limiter = limiter(10, 1);
    assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(-1, TimeUnit.SECONDS));
  }

  @Test
  void neverAdmitsMoreThanBurstPlusRateTimesWindow() {
    RateLimiter limiter = limiter(1_000, 4);
    Random random = new Random(42);
    List<Long> admitted = new ArrayList<>();
    long start = time.peek();
    for (int i = 0; i < 20_000; i++) {
      if (limiter.tryAcquire()) {
        admitted.add(time.peek() - start);
      }
      time.advance(random.nextInt(3) == 0 ? random.nextInt(5 * (int) MS) : random.nextInt(200_000));
    }
    assertTrue(admitted.size() > 1_000, "admitted " + admitted.size());
    for (int i = 0; i < admitted.size(); i++) {
      for (int j = i; j < admitted.size() && j < i + 200; j++) {
        long window = admitted.get(j) - admitted.get(i);
        int count = j - i + 1;
        assertTrue(count <= 4 + window / MS, count + " calls admitted in " + window + " ns");
      }
    }
  }

  @Test
  void extremelySlowRateIsSafe() throws InterruptedException {
    RateLimiter limiter =
        RateLimiter.create("slow", new RateLimiterConfig(1e-9, 1, Long.MAX_VALUE), time);
    assertTrue(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire(Duration.ofDays(365 * 30)), "the next token is 1e18 ns (31.7 years) away");
    assertEquals(0, time.parks());
    assertTrue(limiter.tryAcquire(Duration.ofMillis(Long.MAX_VALUE)), "due in 1e18 ns, within the wait");
    assertEquals(1, time.parks());
    assertEquals(0, limiter.availablePermits());
  }

  @Test
  void atTheLowestRateTheSecondTokenCannotBeReserved() {
    RateLimiter limiter = RateLimiter.create(
        "slowest", new RateLimiterConfig(RateLimiterConfig.lowestRate(1), 1, Long.MAX_VALUE), time);
    assertTrue(limiter.tryAcquire());
    assertEquals(-1, limiter.reserve(Long.MAX_VALUE), "the token after it would lie beyond Long.MAX_VALUE ns");
    assertEquals(0, limiter.availablePermits());
    assertThrows(IllegalStateException.class, limiter::acquire);
    assertEquals(0, time.parks());
  }

  @Test
  void extremelyFastRateIsCappedAtOnePerNanosecond() {
    RateLimiter limiter = limiter(1e12, 1);
    assertTrue(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire(), "same instant, bucket of one");
    time.advance(1);
    assertTrue(limiter.tryAcquire());
    time.advance(1_000);
    assertEquals(1, limiter.availablePermits());
  }

  @Test
  void fastRateWithLargeBurstAdmitsExactlyTheBurst() {
    RateLimiter limiter = limiter(1e12, 1_000);
    int admitted = 0;
    while (limiter.tryAcquire()) {
      admitted++;
    }
    assertEquals(1_000, admitted);
  }
}
