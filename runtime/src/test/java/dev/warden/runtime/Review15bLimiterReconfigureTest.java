package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Review 15b: a reconfigured rate limiter keeps its arrival time, not its tokens, so the new
 * numbers reread it as a different number of tokens: lowering the rate of a drained bucket refills
 * it at once, while lowering its burst or raising its rate after it was drained locks it out for
 * the old refill time, longer than either configuration would.
 */
class Review15bLimiterReconfigureTest {

  /**
   * C3, a design disagreement: ReconfigureGuardsTest.aBucketKeepsItsArrivalTimeAcrossARateChange
   * pins the kept debt on purpose; here the debt is 1000 s, which a raise cannot shorten.
   */
  @Test
  void raisingTheRateTakesEffectForCallsStartingAfterwards() {
    FakeTime time = new FakeTime(0);
    RateLimiter limiter = RateLimiter.create("r15b-rate", new RateLimiterConfig(0.001, 1, 0), time);
    assertTrue(limiter.tryAcquire()); // the bucket of 1 is empty; the old rate refills it in 1000 s

    limiter.reconfigure(new RateLimiterConfig(1000, 1, 0));
    time.advanceMillis(10); // 10 emission intervals of the new rate: the bucket of 1 is full again

    assertEquals(1, limiter.availablePermits(), "permits 10 ms after raising the rate to 1000/s");
    assertTrue(limiter.tryAcquire(), "a call 10 ms after raising the rate to 1000/s, burst 1");
  }

  @Test
  void loweringTheBurstOfADrainedBucketDoesNotLockTheLimiterOut() {
    FakeTime time = new FakeTime(0);
    RateLimiter limiter = RateLimiter.create("r15b-burst", new RateLimiterConfig(1, 1000, 0), time);
    for (int i = 0; i < 1000; i++) {
      assertTrue(limiter.tryAcquire());
    }
    limiter.reconfigure(new RateLimiterConfig(1, 1, 0));
    time.advanceMillis(2_000); // 2 s at 1/s: the old numbers would grant 2, the new bucket holds 1

    assertTrue(limiter.tryAcquire(), "a call 2 s after lowering the burst to 1 at 1/s");
  }

  @Test
  void loweringTheRateOfADrainedBucketDoesNotRefillIt() {
    FakeTime time = new FakeTime(0);
    RateLimiter limiter = RateLimiter.create("r15b-lower", new RateLimiterConfig(100, 100, 0), time);
    for (int i = 0; i < 100; i++) {
      assertTrue(limiter.tryAcquire());
    }
    assertFalse(limiter.tryAcquire(), "the bucket of 100 is drained");

    limiter.reconfigure(new RateLimiterConfig(1, 100, 0)); // a partner asks for 1 call a second
    // no time passes: the bucket still holds no token, whatever the rate that refills it

    assertEquals(0, limiter.availablePermits(), "permits right after lowering the rate of a drained bucket");
    int admitted = 0;
    while (admitted < 1_000 && limiter.tryAcquire()) {
      admitted++;
    }
    assertEquals(0, admitted, "calls admitted at once after lowering the rate from 100/s to 1/s");
  }
}
