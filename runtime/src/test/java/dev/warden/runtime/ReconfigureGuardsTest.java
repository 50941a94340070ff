package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Each guard's {@code reconfigure} on a fake clock: what the new numbers change, and the state a
 * guard keeps (a limiter's arrival time, a breaker's state and counts, a bulkhead's slots and
 * waiters).
 */
class ReconfigureGuardsTest {

  private final FakeTime time = new FakeTime();

  // Rate limiter

  @Test
  void aLoweredBurstClampsTheTokensOfAFullBucket() {
    RateLimiter limiter = RateLimiter.create("r.burst.down", new RateLimiterConfig(10, 10, 0), time);
    limiter.reconfigure(new RateLimiterConfig(10, 2, 0));
    assertEquals(2, limiter.availablePermits());
    assertTrue(limiter.tryAcquire());
    assertTrue(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire(), "no more than the new burst");
    time.advanceMillis(100);
    assertTrue(limiter.tryAcquire(), "refilled at the rate");
    assertFalse(limiter.tryAcquire());
  }

  @Test
  void aRaisedBurstFillsAnIdleBucketToTheNewSize() {
    RateLimiter limiter = RateLimiter.create("r.burst.up", new RateLimiterConfig(10, 2, 0), time);
    limiter.reconfigure(new RateLimiterConfig(10, 5, 0));
    assertEquals(5, limiter.availablePermits());
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.tryAcquire());
    }
    assertFalse(limiter.tryAcquire());
  }

  /** The bucket keeps its tokens, a fraction included, and refills at the new rate from the change on. */
  @Test
  void aBucketKeepsItsTokensAcrossARateChangeAndRefillsAtTheNewRate() {
    RateLimiter limiter = RateLimiter.create("r.rate", new RateLimiterConfig(10, 1, 0), time);
    assertTrue(limiter.tryAcquire()); // the bucket of 1 is empty; its token comes back in 100 ms
    time.advanceMillis(50); // half of it is back
    limiter.reconfigure(new RateLimiterConfig(1000, 1, 0));
    time.advance(499_999);
    assertFalse(limiter.tryAcquire(), "the half token kept needs 0.5 ms more at the new rate");
    time.advance(1);
    assertTrue(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire());
    time.advanceMillis(1);
    assertTrue(limiter.tryAcquire(), "then tokens come at the new rate: one a millisecond");
  }

  /** Permits reserved ahead (a deficit) stay owed: the new rate pays them back before a new call. */
  @Test
  void aDeficitIsKeptAsTokensOwedAtTheNewRate() throws InterruptedException {
    RateLimiter limiter = RateLimiter.create("r.rate.owed", new RateLimiterConfig(10, 1, 0), time);
    assertTrue(limiter.tryAcquire());
    assertEquals(0, limiter.reserve(Long.MAX_VALUE) - 100_000_000L, "one permit reserved 100 ms ahead");
    limiter.reconfigure(new RateLimiterConfig(1, 1, 0)); // two tokens owed: one in flight, the reserved one
    time.advance(1_999_999_999);
    assertFalse(limiter.tryAcquire(), "the two tokens owed take 2 s at 1/s");
    time.advance(1);
    assertTrue(limiter.tryAcquire());
  }

  /** Lowering halfOpenCalls to the successes a half-open breaker has already seen closes it. */
  @Test
  void aHalfOpenBreakerWhoseLoweredTrialCountIsMetCloses() {
    CircuitBreaker breaker = CircuitBreaker.create("r.halfopen.met",
        new CircuitBreakerConfig(1, 1_000, 3, List.of(Throwable.class), List.of()), time);
    breaker.recordFailure();
    time.advanceMillis(1_000);
    for (int i = 0; i < 2; i++) {
      assertTrue(breaker.tryAcquirePermission());
      breaker.recordSuccess();
    }
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state(), "2 of 3 trials succeeded");
    breaker.reconfigure(new CircuitBreakerConfig(1, 1_000, 2, List.of(Throwable.class), List.of()));
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
  }

  @Test
  void aLoweredRateSpacesTheNextTokens() {
    RateLimiter limiter = RateLimiter.create("r.rate.down", new RateLimiterConfig(1000, 1, 0), time);
    limiter.reconfigure(new RateLimiterConfig(2, 1, 0));
    assertTrue(limiter.tryAcquire());
    time.advanceMillis(499);
    assertFalse(limiter.tryAcquire());
    time.advanceMillis(1);
    assertTrue(limiter.tryAcquire());
    assertEquals(new RateLimiterConfig(2, 1, 0), limiter.config());
  }

  @Test
  void theConfiguredWaitIsReadAsEachCallStarts() throws InterruptedException {
    RateLimiter limiter = RateLimiter.create("r.wait", new RateLimiterConfig(10, 1, 0), time);
    assertTrue(limiter.tryAcquireConfigured());
    assertFalse(limiter.tryAcquireConfigured(), "no wait at first");
    limiter.reconfigure(new RateLimiterConfig(10, 1, 100));
    long before = time.peek();
    assertTrue(limiter.tryAcquireConfigured(), "parks for the token due within the new wait");
    assertEquals(100_000_000L, time.peek() - before);
  }

  // Circuit breaker

  private static CircuitBreakerConfig breaker(int threshold, long cooldownMillis, int halfOpenCalls) {
    return new CircuitBreakerConfig(threshold, cooldownMillis, halfOpenCalls, List.of(Throwable.class), List.of());
  }

  private static void fail(CircuitBreaker breaker) {
    breaker.onFailure(breaker.tryAcquirePermit(), new RuntimeException("down"));
  }

  @Test
  void aClosedBreakerKeepsItsFailuresAndOpensAtTheNewThreshold() {
    CircuitBreaker breaker = CircuitBreaker.create("b.threshold", breaker(5, 1000, 1), time);
    fail(breaker);
    fail(breaker);
    breaker.reconfigure(breaker(3, 1000, 1));
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertEquals(2, breaker.consecutiveFailures(), "the count is kept");
    fail(breaker);
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "the next failure reaches the new threshold");
  }

  @Test
  void aThresholdLoweredBelowTheCountOpensAtTheNextFailureNotAtOnce() {
    CircuitBreaker breaker = CircuitBreaker.create("b.below", breaker(5, 1000, 1), time);
    for (int i = 0; i < 4; i++) {
      fail(breaker);
    }
    breaker.reconfigure(breaker(2, 1000, 1));
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    fail(breaker);
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
  }

  @Test
  void anOpenBreakerStaysOpenAndTheNewCooldownEndsTheCurrentPeriod() {
    CircuitBreaker breaker = CircuitBreaker.create("b.cooldown", breaker(1, 10_000, 1), time);
    fail(breaker);
    breaker.reconfigure(breaker(5, 10_000, 1));
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a higher threshold does not close it");
    time.advanceMillis(1_000);
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    breaker.reconfigure(breaker(5, 1_500, 1));
    time.advanceMillis(499);
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "counted from when it opened");
    time.advanceMillis(1);
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
  }

  @Test
  void aHalfOpenBreakerAdmitsTrialsUpToTheNewCountAndClosesWhenThatManySucceeded() {
    CircuitBreaker breaker = CircuitBreaker.create("b.trials", breaker(1, 0, 1), time);
    fail(breaker);
    CircuitBreaker.Permit first = breaker.tryAcquirePermit();
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
    assertNull(breaker.tryAcquirePermit(), "one trial at a time");
    breaker.reconfigure(breaker(1, 0, 3));
    CircuitBreaker.Permit second = breaker.tryAcquirePermit();
    CircuitBreaker.Permit third = breaker.tryAcquirePermit();
    assertNotNull(second);
    assertNotNull(third);
    assertNull(breaker.tryAcquirePermit(), "three trials at a time");
    breaker.onSuccess(first);
    breaker.onSuccess(second);
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
    breaker.reconfigure(breaker(1, 0, 2));
    breaker.onSuccess(third);
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "a success at or past the lowered count closes it");
  }

  @Test
  void aBreakerTakesOnlyNewNumbers() {
    CircuitBreaker breaker = CircuitBreaker.create("b.lists", breaker(1, 0, 1), time);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> breaker.reconfigure(
        new CircuitBreakerConfig(1, 0, 1, List.of(RuntimeException.class), List.of())));
    assertTrue(e.getMessage().startsWith("Circuit breaker 'b.lists': only the numbers can change"), e.getMessage());
    assertEquals(breaker(1, 0, 1), breaker.config());
  }

  // Bulkhead

  @Test
  void aRaisedLimitFreesSlotsAtOnce() {
    ConcurrencyLimiter bulkhead = ConcurrencyLimiter.create("bh.up", new ConcurrencyLimiterConfig(2, 0), time);
    assertTrue(bulkhead.tryAcquire());
    assertTrue(bulkhead.tryAcquire());
    assertFalse(bulkhead.tryAcquire());
    bulkhead.reconfigure(new ConcurrencyLimiterConfig(4, 0));
    assertEquals(2, bulkhead.available());
    assertTrue(bulkhead.tryAcquire());
    assertTrue(bulkhead.tryAcquire());
    assertFalse(bulkhead.tryAcquire());
    assertEquals(4, bulkhead.maxConcurrent());
  }

  @Test
  void aLoweredLimitRetiresReleasedSlotsUntilTheHoldersFitIt() {
    ConcurrencyLimiter bulkhead = ConcurrencyLimiter.create("bh.down", new ConcurrencyLimiterConfig(4, 0), time);
    for (int i = 0; i < 4; i++) {
      assertTrue(bulkhead.tryAcquire());
    }
    bulkhead.reconfigure(new ConcurrencyLimiterConfig(2, 0));
    assertEquals(0, bulkhead.available());
    bulkhead.release();
    assertFalse(bulkhead.tryAcquire(), "3 hold a slot: more than the new limit");
    bulkhead.release();
    assertFalse(bulkhead.tryAcquire(), "2 hold a slot: the new limit");
    bulkhead.release();
    assertEquals(1, bulkhead.available());
    assertTrue(bulkhead.tryAcquire());
    assertFalse(bulkhead.tryAcquire());
    bulkhead.release();
    bulkhead.release();
    assertEquals(2, bulkhead.available());
    IllegalStateException e = assertThrows(IllegalStateException.class, bulkhead::release);
    assertEquals("Bulkhead 'bh.down': release() without a slot taken (all 2 slots are free)", e.getMessage());
  }

  @Test
  void aLoweredLimitTakesFreeSlotsFirst() {
    ConcurrencyLimiter bulkhead = ConcurrencyLimiter.create("bh.free", new ConcurrencyLimiterConfig(5, 0), time);
    assertTrue(bulkhead.tryAcquire());
    bulkhead.reconfigure(new ConcurrencyLimiterConfig(3, 0));
    assertEquals(2, bulkhead.available());
    bulkhead.reconfigure(new ConcurrencyLimiterConfig(1, 0));
    assertEquals(0, bulkhead.available());
    bulkhead.release();
    assertEquals(1, bulkhead.available());
  }

  @Test
  void aRaisedLimitHandsTheNewSlotsToTheWaitersFirstComeFirstServed() throws Exception {
    ConcurrencyLimiter bulkhead = ConcurrencyLimiter.create(
        "bh.waiters", new ConcurrencyLimiterConfig(1, Long.MAX_VALUE / 2_000_000), TimeSource.SYSTEM);
    assertTrue(bulkhead.tryAcquire());
    Thread[] waiters = new Thread[3];
    AtomicBoolean[] admitted = new AtomicBoolean[3];
    for (int i = 0; i < waiters.length; i++) {
      AtomicBoolean in = admitted[i] = new AtomicBoolean();
      waiters[i] = new Thread(() -> in.set(admit(bulkhead)));
      waiters[i].start();
      awaitWaiting(bulkhead, i + 1); // queued in this order
    }
    bulkhead.reconfigure(new ConcurrencyLimiterConfig(3, Long.MAX_VALUE / 2_000_000));
    waiters[0].join(10_000);
    waiters[1].join(10_000);
    assertTrue(admitted[0].get() && admitted[1].get(), "the two longest waiting got the new slots");
    assertEquals(1, bulkhead.waiting());
    assertTrue(waiters[2].isAlive());
    assertEquals(0, bulkhead.available());
    bulkhead.release();
    waiters[2].join(10_000);
    assertTrue(admitted[2].get());
  }

  @Test
  void aReleaseWhileTheLimitIsLoweredRetiresTheSlotInsteadOfHandingItOver() throws Exception {
    ConcurrencyLimiter bulkhead = ConcurrencyLimiter.create(
        "bh.retire", new ConcurrencyLimiterConfig(2, Long.MAX_VALUE / 2_000_000), TimeSource.SYSTEM);
    assertTrue(bulkhead.tryAcquire());
    assertTrue(bulkhead.tryAcquire());
    AtomicBoolean in = new AtomicBoolean();
    Thread waiter = new Thread(() -> in.set(admit(bulkhead)));
    waiter.start();
    awaitWaiting(bulkhead, 1);
    bulkhead.reconfigure(new ConcurrencyLimiterConfig(1, Long.MAX_VALUE / 2_000_000));
    bulkhead.release(); // 1 holds a slot now: the new limit
    assertEquals(1, bulkhead.waiting(), "the slot was retired, not handed over");
    bulkhead.release();
    waiter.join(10_000);
    assertTrue(in.get());
    assertEquals(0, bulkhead.available());
  }

  private static void awaitWaiting(ConcurrencyLimiter bulkhead, int waiting) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (bulkhead.waiting() < waiting) {
      assertTrue(System.nanoTime() < deadline, "waiters did not queue");
      Thread.sleep(1);
    }
  }

  @Test
  void theBulkheadsConfiguredWaitIsReadAsEachWaitStarts() throws InterruptedException {
    ConcurrencyLimiter bulkhead = ConcurrencyLimiter.create("bh.wait", new ConcurrencyLimiterConfig(1, 0), time);
    assertTrue(bulkhead.tryAcquireConfigured());
    long before = time.peek();
    assertFalse(bulkhead.tryAcquireConfigured());
    assertEquals(before, time.peek(), "no wait at first");
    bulkhead.reconfigure(new ConcurrencyLimiterConfig(1, 30));
    assertFalse(bulkhead.tryAcquireConfigured());
    assertEquals(30_000_000L, time.peek() - before, "waited the new maxWaitMillis on the fake clock");
  }

  // Timeout and retry

  @Test
  void aTimeoutTakesANewLimitButNotAnotherInterrupt() {
    TimeoutStats timeout = new TimeoutStats("t.limit", new TimeoutConfig(100, true));
    timeout.reconfigure(new TimeoutConfig(250, true));
    assertEquals(new TimeoutConfig(250, true), timeout.config());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> timeout.reconfigure(new TimeoutConfig(250, false)));
    assertEquals("Timeout guard 't.limit': only millis can change, not interrupt (true); got "
        + new TimeoutConfig(250, false), e.getMessage());
  }

  @Test
  void aRetryTakesNewNumbersButNotOtherLists() {
    RetryConfig first = RetryConfig.defaults();
    RetryStats retry = new RetryStats("r.numbers", first);
    RetryConfig more = new RetryConfig(5, 10, 1.5, 100, 0, first.retryOn(), first.abortOn());
    retry.reconfigure(more);
    assertSame(more, retry.config());
    assertThrows(IllegalArgumentException.class, () -> retry.reconfigure(
        new RetryConfig(5, 10, 1.5, 100, 0, List.of(RuntimeException.class), List.of())));
    assertSame(more, retry.config());
  }

  /** Whether a slot was taken as the guard takes one (an interrupt counts as no). */
  private static boolean admit(ConcurrencyLimiter bulkhead) {
    try {
      return bulkhead.tryAcquireConfigured();
    } catch (InterruptedException e) {
      return false;
    }
  }
}
