package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.await;
import static dev.warden.it.Guards.retry;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.AsyncRates;
import dev.warden.it.fixtures.Attempts;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.RetryStats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * @Retry on methods returning a {@code CompletionStage}: the method returns its stage at once (no
 * thread waits for an attempt's stage), attempts after the first run on other threads after their
 * delay, and the stage completes with the first success or the last failure (the same instance);
 * cancelling it stops retrying; a body that throws instead of returning a stage fails an attempt
 * like a failed stage, and the caller always gets a stage. Attempts whose stage is pending are
 * completed by the scenario, so nothing depends on timing but "at least the delay".
 */
class AsyncRetryIT {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final AsyncRates rates = Mode.current().fixtures().asyncRates();
  private final Attempts attempts = rates.attempts();

  /**
   * The first attempt's stage is pending when the call returns (a call waiting for it would never
   * return: the scenario fails it only afterwards); then two failures 200 ms apart, then a success.
   */
  @Test
  void stageFailingTwiceThenSucceedingCompletesWithTheSuccess() throws Exception {
    String name = FIXTURES + "AsyncRates#rate";
    attempts.then(AsyncRates.PENDING, new IOException("reset 2"), "1.0842");
    AtomicReference<Thread> caller = new AtomicReference<>();
    CompletableFuture<String> answer = assertTimeoutPreemptively(LIMIT, () -> {
      caller.set(Thread.currentThread());
      return rates.rate("EUR/USD");
    }, "the call returns without waiting for its stage");
    assertFalse(answer.isDone(), "the first attempt's stage is still pending");
    assertEquals(1, attempts.count());

    long failed = System.nanoTime();
    rates.nextPending().completeExceptionally(new IOException("reset 1"));
    assertEquals("1.0842", answer.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    long took = System.nanoTime() - failed;
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(400), "two delays of 200 ms: " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");

    List<Attempts.Attempt> ran = attempts.ran();
    assertEquals(3, ran.size());
    assertTrue(ran.get(1).nanoTime() - failed >= TimeUnit.MILLISECONDS.toNanos(200), "the second attempt came after its delay");
    for (int i = 1; i < 3; i++) {
      assertNotSame(caller.get(), ran.get(i).thread(), "attempt " + (i + 1) + " runs on another thread than the caller's");
      assertNotSame(Thread.currentThread(), ran.get(i).thread(),
          "attempt " + (i + 1) + " does not run on the thread that failed the first attempt's stage");
    }

    RetryStats retries = retry(name);
    await("success after retry recorded", LIMIT, () -> retries.successesAfterRetry() == 1);
    assertEquals(2, retries.retries());
    assertEquals(0, retries.exhausted());
    CallStats stats = stats(name);
    await("the call's outcome recorded", LIMIT, () -> stats.successes() == 1);
    assertEquals(1, stats.calls(), "one logical call");
    assertEquals(0, stats.failures());
    assertEquals(0, stats.inFlight());
  }

  @Test
  void exhaustedStageFailsWithTheLastFailureUnchanged() throws Exception {
    String name = FIXTURES + "AsyncRates#history";
    attempts.thenAlways(n -> new IOException("history unavailable, attempt " + n));
    CompletionStage<String> answer = rates.history("EUR/USD");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> answer.toCompletableFuture().get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(3, attempts.count());
    Throwable last = e.getCause();
    assertSame(attempts.lastThrown(), last, "the last attempt's own exception");
    assertEquals("history unavailable, attempt 3", last.getMessage());
    assertEquals(0, last.getSuppressed().length);
    assertNull(last.getCause());
    RetryStats retries = retry(name);
    await("exhausted recorded", LIMIT, () -> retries.exhausted() == 1);
    assertEquals(2, retries.retries());
    assertEquals(0, retries.successesAfterRetry());
  }

  /**
   * The second attempt's stage is pending when the caller cancels the returned stage: the pending
   * stage is cancelled and no third attempt runs.
   */
  @Test
  void cancellingTheStageCancelsTheRunningAttemptAndStopsRetrying() throws Exception {
    CompletableFuture<String> answer = rates.stream("EUR/USD");
    CompletableFuture<String> first = rates.nextPending();
    assertNotNull(first);
    first.completeExceptionally(new IOException("stream reset"));
    CompletableFuture<String> second = nextPending();

    assertTrue(answer.cancel(true));
    await("the running attempt's stage cancelled", LIMIT, second::isCancelled);
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)); // time for a wrong third attempt (delay 0)
    assertEquals(2, attempts.count(), "no attempt after the cancellation");
    assertNull(rates.nextPending());
    assertTrue(answer.isCancelled());
    assertEquals(0, retry(FIXTURES + "AsyncRates#stream").exhausted());
  }

  /** Cancelled during the 300 ms before the second attempt: it never runs. */
  @Test
  void cancellingTheStageDuringADelayStopsRetrying() {
    CompletableFuture<String> answer = rates.watch("EUR/USD");
    rates.nextPending().completeExceptionally(new IOException("watch reset"));
    assertTrue(answer.cancel(true));
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(900)); // three times the delay
    assertEquals(1, attempts.count(), "no attempt after the cancellation");
    assertNull(rates.nextPending());
    assertTrue(answer.isCancelled());
  }

  /** Throwing instead of returning a stage fails the attempt, which is retried; the caller gets a stage. */
  @Test
  void synchronousThrowOfTheBodyIsAFailedAttempt() throws Exception {
    attempts.then(new IOException("refused 1"), new IOException("refused 2"), "1.0910");
    CompletableFuture<String> answer = assertDoesNotThrow(() -> rates.quote("EUR/USD"));
    assertEquals("1.0910", answer.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(3, attempts.count());
    RetryStats retries = retry(FIXTURES + "AsyncRates#quote");
    await("success after retry recorded", LIMIT, () -> retries.successesAfterRetry() == 1);
    assertEquals(2, retries.retries());
  }

  /** Both attempts throw: the caller gets a failed stage carrying the last exception, never a throw. */
  @Test
  void synchronousThrowOfTheLastAttemptIsAFailedStage() {
    attempts.thenAlways(n -> new IOException("refused " + n));
    CompletableFuture<String> answer = assertDoesNotThrow(() -> rates.spot("EUR/USD"));
    ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    assertSame(attempts.lastThrown(), e.getCause());
    assertEquals("refused 2", e.getCause().getMessage());
    assertEquals(2, attempts.count());
    RetryStats retries = retry(FIXTURES + "AsyncRates#spot");
    await("exhausted recorded", LIMIT, () -> retries.exhausted() == 1);
  }

  /** The pending stage of the next attempt, once its body ran (on whichever thread). */
  private CompletableFuture<String> nextPending() {
    AtomicReference<CompletableFuture<String>> next = new AtomicReference<>();
    await("the next attempt's pending stage", LIMIT, () -> {
      next.set(rates.nextPending());
      return next.get() != null;
    });
    return next.get();
  }
}
