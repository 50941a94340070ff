package dev.warden.runtime;

import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Model checking (Lincheck) of {@link RateLimiter} on a fake clock against a token bucket kept
 * as credit time: burst 2, one token per second, a tick is half a second. {@code
 * availablePermits()} must never report more than the bucket held at one moment (defect 17).
 */
public class RateLimiterLinearizabilityTest {

  static final long INTERVAL = 1_000_000_000L;
  static final int BURST = 2;

  private final FakeTime time = new FakeTime(0);
  private final RateLimiter limiter = RateLimiter.create("model-checked", new RateLimiterConfig(1, BURST, 0), time);

  @Operation
  public boolean tryAcquire() {
    return limiter.tryAcquire();
  }

  @Operation
  public long availablePermits() {
    return limiter.availablePermits();
  }

  @Operation
  public void tick() {
    time.advance(INTERVAL / 2);
  }

  @Test
  void isLinearizable() {
    ModelChecking.check(ModelChecking.options(15, 500, 4).sequentialSpecification(Bucket.class), getClass());
  }

  /** The sequential specification: credit time, capped at the burst, spent one interval per call. */
  public static final class Bucket {
    private long credit = BURST * INTERVAL;

    public boolean tryAcquire() {
      if (credit < INTERVAL) {
        return false;
      }
      credit -= INTERVAL;
      return true;
    }

    public long availablePermits() {
      return credit / INTERVAL;
    }

    public void tick() {
      credit = Math.min(BURST * INTERVAL, credit + INTERVAL / 2);
    }
  }
}
