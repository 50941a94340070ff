package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.breaker;
import static dev.warden.it.Guards.retry;
import static dev.warden.it.Guards.stats;
import static dev.warden.it.Guards.timeout;
import static dev.warden.it.RetryIT.assertRetryStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.Attempts;
import dev.warden.it.fixtures.SettlementClient;
import dev.warden.it.fixtures.SlowReports;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.RetryStats;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * @Retry around the guards inside it: each attempt asks {@code @Breaker} again (an open circuit
 * ends the call unless {@code retryOn} names {@link CircuitOpenException}), {@code @Timeout}
 * bounds each attempt, and {@code @CountCalls} outside sees one call.
 */
class RetryOrderIT {

  private final SettlementClient client = Mode.current().fixtures().settlementClient();
  private final Attempts attempts = client.attempts();

  /**
   * Five attempts, a breaker opening after two failures: the third attempt meets the open circuit,
   * which is not retried, so the call ends with the rejection (a rejection for the counter).
   */
  @Test
  void breakerOpeningDuringTheRetriesEndsTheCallWithItsRejection() {
    String name = FIXTURES + "SettlementClient#settle";
    attempts.thenAlways(n -> new IOException("ledger down, attempt " + n));
    CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> client.settle("b1"));
    assertEquals(name, e.guardName());
    assertEquals(2, attempts.count(), "the third attempt was refused by the breaker");
    assertEquals(CircuitBreaker.State.OPEN, breaker(name).state());
    assertRetryStats(name, 2, 0, 0);
    CallStats stats = stats(name);
    assertEquals(1, stats.calls());
    assertEquals(1, stats.rejections());
    assertEquals(0, stats.failures());
    assertEquals(0, stats.successes());
  }

  /** As above, but the breaker has a fallback: its answer ends the call, nothing is thrown. */
  @Test
  void breakerFallbackAnswersTheAttemptTheOpenCircuitRefused() throws IOException {
    String name = FIXTURES + "SettlementClient#submit";
    attempts.thenAlways(n -> new IOException("ledger down, attempt " + n));
    assertEquals("b6 deferred (" + name + ")", client.submit("b6"));
    assertEquals(2, attempts.count());
    assertEquals(CircuitBreaker.State.OPEN, breaker(name).state());
    RetryStats stats = retry(name);
    assertEquals(2, stats.retries(), "the third attempt was started, then refused");
    assertEquals(0, stats.exhausted());
  }

  /**
   * With {@link CircuitOpenException} in {@code retryOn}, the open circuit is retried too: four
   * attempts, the last two refused by the breaker (open for ten minutes), and the last rejection
   * is thrown.
   */
  @Test
  void openCircuitIsRetriedWhenRetryOnNamesIt() {
    String name = FIXTURES + "SettlementClient#reconcile";
    attempts.thenAlways(n -> new IOException("ledger down, attempt " + n));
    CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> client.reconcile("b2"));
    assertEquals(name, e.guardName());
    assertEquals(2, attempts.count(), "attempts 3 and 4 were refused by the breaker");
    assertRetryStats(name, 3, 0, 1);
  }

  /**
   * One failure opens the breaker for 250 ms; attempts 100 ms apart meet the open circuit (retried)
   * until its cooldown lets a trial through, which succeeds: the body runs twice, the second time
   * at least the cooldown after the first.
   */
  @Test
  void retriedOpenCircuitLetsAnAttemptThroughWhenItsCooldownEnds() throws IOException {
    String name = FIXTURES + "SettlementClient#confirm";
    attempts.then(new IOException("ledger down"), "confirmed");
    assertEquals("confirmed", client.confirm("b3"));
    List<Attempts.Attempt> ran = attempts.ran();
    assertEquals(2, ran.size());
    long apart = ran.get(1).nanoTime() - ran.get(0).nanoTime();
    assertTrue(apart >= TimeUnit.MILLISECONDS.toNanos(250),
        "the body ran again only after the cooldown: " + TimeUnit.NANOSECONDS.toMillis(apart) + " ms");
    assertEquals(CircuitBreaker.State.CLOSED, breaker(name).state(), "the trial succeeded");
    RetryStats stats = retry(name);
    assertTrue(stats.retries() >= 1, stats.toString());
    assertEquals(1, stats.successesAfterRetry());
    assertEquals(0, stats.exhausted());
  }

  /** The first attempt overruns its 50 ms and is interrupted; the second succeeds. */
  @Test
  void attemptThatTimedOutIsRetried() throws Exception {
    String name = FIXTURES + "SettlementClient#clear";
    attempts.then(SettlementClient.STALL, "cleared");
    long start = System.nanoTime();
    assertEquals("cleared", client.clear("b4"));
    long took = System.nanoTime() - start;
    assertFalse(Thread.interrupted(), "Warden's interrupt does not outlive the call");
    assertEquals(2, attempts.count());
    assertTrue(took < TimeUnit.MILLISECONDS.toNanos(SlowReports.SLOW_MILLIS / 2),
        "the stalled attempt was interrupted long before its 10 s: " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
    assertEquals(1, timeout(name).timeouts());
    assertRetryStats(name, 1, 1, 0);
  }

  /** Both attempts overrun their 50 ms: the call fails with the last attempt's timeout. */
  @Test
  void lastAttemptOverrunningItsTimeoutThrowsItsCallTimeoutException() {
    String name = FIXTURES + "SettlementClient#net";
    attempts.then(SettlementClient.STALL, SettlementClient.STALL);
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> client.net("b5"));
    assertFalse(Thread.interrupted());
    assertEquals(name, e.guardName());
    assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
    assertEquals(2, attempts.count());
    assertEquals(2, timeout(name).timeouts());
    assertRetryStats(name, 1, 0, 1);
    CallStats stats = stats(name);
    assertEquals(1, stats.calls());
    assertEquals(1, stats.failures());
  }
}
