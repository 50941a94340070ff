package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.FakeTime;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Review 15: docs/events.md says the quiet-period refusal log applies to rate limiters and
 * bulkheads alike and that "an interrupted wait counts as a refusal". A bulkhead's interrupted wait
 * is logged; a rate limiter's is not.
 */
class Review15RefusalLogTest {

  private final FakeTime time = new FakeTime();

  @Test
  void aRateLimitersInterruptedWaitIsLoggedAsItsFirstRefusal() throws Exception {
    RateLimiter limiter = RateLimiter.create("r15.log.throttle", new RateLimiterConfig(1, 1, 0), time);
    try (CapturedLog log = new CapturedLog()) {
      assertTrue(limiter.tryAcquire());
      Thread.currentThread().interrupt();
      try {
        assertThrows(InterruptedException.class, () -> limiter.tryAcquire(Duration.ofSeconds(5)));
      } finally {
        Thread.interrupted();
      }
      assertEquals(List.of("Rate limiter 'r15.log.throttle' (1/s, burst 1) is refusing calls; further refusals are"
          + " not logged until it has refused none for 60 s"), log.messages(Level.INFO, "'r15.log.throttle'"));
    }
  }
}
