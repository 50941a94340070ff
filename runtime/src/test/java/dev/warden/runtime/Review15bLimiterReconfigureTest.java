package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Review 15b: a rate limiter reconfigured to looser numbers keeps the debt of its old numbers, so
 * it refuses every call for up to the old refill time (1000 s below) although the new numbers
 * would have refilled the bucket long ago.
 */
class Review15bLimiterReconfigureTest {

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
}
