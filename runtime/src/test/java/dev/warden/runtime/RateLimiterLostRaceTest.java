package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A caller that loses the compare-and-set to another caller, made deterministic: the clock hands
 * out its reading, then lets a competing caller take a permit before the first one's
 * compare-and-set, exactly as a preemption between the two would.
 */
class RateLimiterLostRaceTest {

  private static final long SECOND = 1_000_000_000L;

  /** A fake clock that runs {@code competitor} inside the next read, after taking that read's value. */
  private static final class RacingClock implements TimeSource {
    final FakeTime time = new FakeTime();
    Runnable competitor;
    long advanceAfterCompetitor;

    @Override
    public long nanoTime() {
      long reading = time.nanoTime();
      Runnable racer = competitor;
      if (racer != null) {
        competitor = null;
        racer.run();
        time.advance(advanceAfterCompetitor);
      }
      return reading;
    }

    @Override
    public void parkNanos(long nanos) {
      time.parkNanos(nanos);
    }
  }

  private final RacingClock clock = new RacingClock();

  private RateLimiter limiter(int burst) {
    return RateLimiter.create("race", new RateLimiterConfig(1, burst, 0), clock);
  }

  @Test
  void loserTakesTheNextFreePermitWithoutReadingTheClockAgain() {
    RateLimiter limiter = limiter(2);
    boolean[] competitorAdmitted = new boolean[1];
    clock.competitor = () -> competitorAdmitted[0] = limiter.tryAcquire();
    long readsBefore = clock.time.reads();

    assertTrue(limiter.tryAcquire(), "the second of two permits is still free for the loser");
    assertTrue(competitorAdmitted[0]);
    assertEquals(2, clock.time.reads() - readsBefore, "one read by each caller, none for the retry");
    assertFalse(limiter.tryAcquire(), "two permits of a burst of 2 are gone");
  }

  @Test
  void loserIsJudgedOnAFreshReadingBeforeBeingRefused() {
    RateLimiter limiter = limiter(1);
    boolean[] competitorAdmitted = new boolean[1];
    clock.competitor = () -> competitorAdmitted[0] = limiter.tryAcquire();
    clock.advanceAfterCompetitor = SECOND; // the loser's stale reading is a second old by its retry

    assertTrue(limiter.tryAcquire(), "on the current time the next permit is due now");
    assertTrue(competitorAdmitted[0]);
    assertFalse(limiter.tryAcquire(), "both permits of the two seconds are gone");
  }

  @Test
  void loserIsRefusedWhenTheFreshReadingConfirmsNoPermit() {
    RateLimiter limiter = limiter(1);
    clock.competitor = limiter::tryAcquire;
    long readsBefore = clock.time.reads();

    assertFalse(limiter.tryAcquire());
    assertEquals(3, clock.time.reads() - readsBefore, "the loser read the clock again before refusing");
    clock.time.advance(SECOND);
    assertTrue(limiter.tryAcquire(), "nothing was reserved by the refused call");
  }
}
