package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Regression tests of the limiter's lowest rates and of {@code availablePermits()}. */
class RateLimiterDefectsTest {

  private static final long SECOND = 1_000_000_000L;

  /**
   * Defect 12: a rate so low that the whole bucket would take longer than 2^62 ns (about 146
   * years) to refill is a configuration error naming the attribute and the value; before, 1e-10
   * was accepted and the first call was refused while {@code availablePermits()} said 1.
   */
  @Test
  void aRateTooLowForTheBurstIsAConfigurationError() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> new RateLimiterConfig(1e-10, 1, 0));
    assertEquals("callsPerSecond", e.attribute());
    assertEquals("1.0E-10", e.value());
    assertTrue(e.getMessage().contains("callsPerSecond") && e.getMessage().contains("1.0E-10")
        && e.getMessage().contains("burst 1"), e.getMessage());
    assertThrows(ConfigurationException.class, () -> new RateLimiterConfig(1e-9, 5, 0));
    assertThrows(ConfigurationException.class, () -> new RateLimiterConfig(1e-3, Integer.MAX_VALUE, 0));
  }

  /** Defect 12: at the lowest valid rate of each burst the bucket is full at start, even after time has passed. */
  @Test
  void theBucketIsFullAtStartAtTheLowestValidRate() {
    for (int burst : new int[] {1, 2, 4, 1_000, Integer.MAX_VALUE}) {
      double lowest = RateLimiterConfig.lowestRate(burst);
      FakeTime time = new FakeTime();
      RateLimiter limiter = RateLimiter.create("slow", new RateLimiterConfig(lowest, burst, 0), time);
      time.advance(SECOND); // not at the very first nanosecond
      assertEquals(burst, limiter.availablePermits());
      int admitted = 0;
      while (admitted < Math.min(burst, 10_000) && limiter.tryAcquire()) {
        admitted++;
      }
      assertEquals(Math.min(burst, 10_000), admitted, "burst " + burst);
      if (burst <= 10_000) {
        assertFalse(limiter.tryAcquire(), "burst " + burst);
        assertEquals(0, limiter.availablePermits());
      }
      assertThrows(ConfigurationException.class, () -> new RateLimiterConfig(Math.nextDown(lowest), burst, 0));
    }
  }

  /**
   * Defect 17: {@code availablePermits()} never reports more than the bucket held at one moment.
   * Between its read of the arrival time and its clock read another caller takes a permit and
   * time passes by one interval; the bucket holds 1, 0 and 1 during the call, never 2.
   */
  @Test
  void availablePermitsNeverOverReports() {
    HookedTime time = new HookedTime();
    RateLimiter limiter = RateLimiter.create("cb", new RateLimiterConfig(1, 2, 0), time);
    assertTrue(limiter.tryAcquire());
    assertTrue(limiter.tryAcquire());
    time.advance(SECOND);
    assertEquals(1, limiter.availablePermits());
    time.beforeNextRead(() -> {
      assertTrue(limiter.tryAcquire());
      time.advance(SECOND);
    });
    assertEquals(1, limiter.availablePermits());
  }
}
