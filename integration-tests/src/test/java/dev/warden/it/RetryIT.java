package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.retry;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.it.fixtures.Attempts;
import dev.warden.it.fixtures.RatesClient;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.RetryStats;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * @Retry on synchronous methods: which failures are retried, how often, with which delays, what
 * the caller gets, and what the guard counts. The bodies are scripted ({@link Attempts}) and record
 * each run, so every count is exact; delays are checked only as lower bounds (a missing delay fails
 * them, a descheduled thread cannot), and the policies retry at once where time does not matter.
 */
class RetryIT {

  private final RatesClient rates = Mode.current().fixtures().ratesClient();
  private final Attempts attempts = rates.attempts();

  @Test
  void failingTwiceThenSucceedingReturnsTheResultAndTheCounterSeesOneCall() throws IOException {
    String name = FIXTURES + "RatesClient#rate";
    attempts.then(new IOException("reset 1"), new IOException("reset 2"), "1.0842");
    assertEquals("1.0842", rates.rate("EUR/USD"));
    assertEquals(3, attempts.count());
    assertRetryStats(name, 2, 1, 0);
    CallStats stats = stats(name);
    assertEquals(1, stats.calls(), "one logical call, however many attempts");
    assertEquals(1, stats.successes());
    assertEquals(0, stats.failures());
    assertEquals(0, stats.rejections());
    assertEquals(0, stats.inFlight());
  }

  @Test
  void exhaustedCallThrowsTheLastFailureUnchanged() {
    String name = FIXTURES + "RatesClient#history";
    attempts.thenAlways(n -> new IOException("history unavailable, attempt " + n));
    IOException e = assertThrows(IOException.class, () -> rates.history("EUR/USD"));
    assertEquals(4, attempts.count(), "maxAttempts = 4");
    assertSame(attempts.lastThrown(), e, "the last attempt's own exception");
    assertEquals("history unavailable, attempt 4", e.getMessage());
    assertEquals(0, e.getSuppressed().length, "nothing added");
    assertNull(e.getCause(), "not wrapped, no cause added");
    assertRetryStats(name, 3, 0, 1);
    CallStats stats = stats(name);
    assertEquals(1, stats.calls());
    assertEquals(1, stats.failures());
    assertEquals(0, stats.successes());
  }

  @Test
  void abortOnIsNeverRetried() {
    FileNotFoundException missing = new FileNotFoundException("no archive for EUR/USD");
    attempts.then(missing, "never");
    assertSame(missing, assertThrows(FileNotFoundException.class, () -> rates.archive("EUR/USD")));
    assertEquals(1, attempts.count());
    assertRetryStats(FIXTURES + "RatesClient#archive", 0, 0, 0);
  }

  @Test
  void failureNotInRetryOnIsNotRetried() {
    IllegalArgumentException bad = new IllegalArgumentException("unknown currency");
    attempts.then(bad, "never");
    assertSame(bad, assertThrows(IllegalArgumentException.class, () -> rates.convert("EUR/XYZ", 100)));
    assertEquals(1, attempts.count(), "retryOn = IOException only");
    assertRetryStats(FIXTURES + "RatesClient#convert", 0, 0, 0);
  }

  @Test
  void errorIsNotRetriedByDefault() {
    AssertionError broken = new AssertionError("checksum mismatch");
    attempts.then(broken, "never");
    assertSame(broken, assertThrows(AssertionError.class, () -> rates.verify("EUR/USD")));
    assertEquals(1, attempts.count(), "retryOn = Exception: an Error is not one");
    assertRetryStats(FIXTURES + "RatesClient#verify", 0, 0, 0);
  }

  @Test
  void errorIsRetriedWhenRetryOnNamesIt() throws IOException {
    attempts.then(new AssertionError("checksum 1"), new AssertionError("checksum 2"), "verified");
    assertEquals("verified", rates.verifyStrictly("EUR/USD"));
    assertEquals(3, attempts.count());
    assertRetryStats(FIXTURES + "RatesClient#verifyStrictly", 2, 1, 0);
  }

  @Test
  void throwableInRetryOnRetriesExceptionsButNoError() {
    AssertionError broken = new AssertionError("checksum mismatch");
    attempts.then(new IOException("reset"), broken, "never");
    assertSame(broken, assertThrows(AssertionError.class, () -> rates.anything("EUR/USD")));
    assertEquals(2, attempts.count(), "the IOException is retried, the Error is not");
    assertRetryStats(FIXTURES + "RatesClient#anything", 1, 0, 0);
  }

  @Test
  void nonRetriedFailureAfterARetryIsThrownAndNotCountedAsExhausted() {
    String name = FIXTURES + "RatesClient#quote";
    IllegalStateException closed = new IllegalStateException("market closed");
    attempts.then(new IOException("reset"), closed, "never");
    assertSame(closed, assertThrows(IllegalStateException.class, () -> rates.quote("EUR/USD")));
    assertEquals(2, attempts.count());
    assertEquals(0, closed.getSuppressed().length);
    assertRetryStats(name, 1, 0, 0);
    CallStats stats = stats(name);
    assertEquals(1, stats.calls());
    assertEquals(1, stats.failures());
  }

  @Test
  void oneAttemptIsNeverRetried() {
    IOException reset = new IOException("reset");
    attempts.then(reset, "never");
    assertSame(reset, assertThrows(IOException.class, () -> rates.spot("EUR/USD")));
    assertEquals(1, attempts.count());
    assertRetryStats(FIXTURES + "RatesClient#spot", 0, 0, 1);
  }

  @Test
  void voidMethodIsRetried() throws IOException {
    attempts.then(new IOException("reset"), "published");
    rates.publish("EUR/USD");
    assertEquals(2, attempts.count());
    assertRetryStats(FIXTURES + "RatesClient#publish", 1, 1, 0);
  }

  @Test
  void primitiveReturningMethodIsRetried() throws IOException {
    attempts.then(new IOException("reset 1"), new IOException("reset 2"), 1_234_567_890_123L);
    assertEquals(1_234_567_890_123L, rates.volume("EUR/USD", 7));
    assertEquals(List.of("EUR/USD 7", "EUR/USD 7", "EUR/USD 7"), attempts.arguments());
    assertRetryStats(FIXTURES + "RatesClient#volume", 2, 1, 0);
  }

  /** The body reassigns each parameter after recording it: every attempt must see the caller's arguments. */
  @Test
  void everyAttemptSeesTheOriginalArgumentsThoughTheBodyReassignsItsParameters() throws IOException {
    attempts.then(new IOException("reset 1"), new IOException("reset 2"), "ok");
    assertEquals("ok EUR/XXX-1-1NaN", rates.lookup("EUR/USD", 1000, new int[] {1, 7}, 0.25));
    assertEquals(Collections.nCopies(3, "EUR/USD 1000 [1, 7] 0.25"), attempts.arguments());
  }

  @Test
  void agentOnly_staticMethodIsRetried() throws IOException {
    assumeTrue(Mode.current().agent(), "agent only");
    Attempts closing = RatesClient.closingAttempts();
    closing.then(new IOException("reset"), "1.0790");
    assertEquals("1.0790", RatesClient.closing("EUR/USD"));
    assertEquals(2, closing.count());
    assertRetryStats(FIXTURES + "RatesClient#closing", 1, 1, 0);
  }

  /**
   * 60 s before the second attempt; another thread interrupts the caller once the first attempt
   * failed and the caller parks: the first failure comes at once (well under the delay), the flag
   * stays set, no second attempt runs.
   */
  @Test
  void interruptDuringTheDelayStopsRetryingAndKeepsTheFlag() throws Exception {
    String name = FIXTURES + "RatesClient#subscribe";
    IOException first = new IOException("feed down");
    attempts.then(first, "never");
    Thread caller = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      try {
        if (attempts.awaitFirstFailure(60)) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
          while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
          }
          caller.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "interrupter");
    long start = System.nanoTime();
    interrupter.start();
    Throwable thrown;
    boolean flagSet;
    try {
      thrown = assertThrows(IOException.class, () -> rates.subscribe("EUR/USD"));
    } finally {
      flagSet = Thread.interrupted(); // cleared here, before this thread waits for the interrupter
    }
    long took = System.nanoTime() - start;
    interrupter.join(TimeUnit.SECONDS.toMillis(60));
    assertTrue(flagSet, "the interrupt flag stays set");
    assertSame(first, thrown);
    assertTrue(took < TimeUnit.SECONDS.toNanos(30),
        "stopped long before the 60 s delay: " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
    assertEquals(1, attempts.count(), "no second attempt");
    assertRetryStats(name, 0, 0, 0);
  }

  /** The body sets its own interrupt flag and fails: no further attempt, although the delay is 0. */
  @Test
  void interruptFlagSetWhenARetryIsDueStopsRetryingWithoutADelay() {
    IOException first = new IOException("poll failed");
    attempts.then(first, "never");
    Throwable thrown;
    boolean flagSet;
    try {
      thrown = assertThrows(IOException.class, () -> rates.poll("EUR/USD"));
    } finally {
      flagSet = Thread.interrupted();
    }
    assertSame(first, thrown);
    assertTrue(flagSet, "the interrupt flag stays set");
    assertEquals(1, attempts.count());
    assertRetryStats(FIXTURES + "RatesClient#poll", 0, 0, 0);
  }

  @Test
  void delaysGrowByTheMultiplier() {
    attempts.thenAlways(n -> new IOException("reset " + n));
    long start = System.nanoTime();
    assertThrows(IOException.class, () -> rates.backoff("EUR/USD"));
    long took = System.nanoTime() - start;
    assertEquals(3, attempts.count());
    List<Attempts.Attempt> ran = attempts.ran();
    assertAtLeastApart(50, ran.get(0), ran.get(1));
    assertAtLeastApart(100, ran.get(1), ran.get(2));
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(150), "50 + 100 ms: " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
    assertRetryStats(FIXTURES + "RatesClient#backoff", 2, 0, 1);
  }

  /** Jitter 0.5 scales 100 ms and 300 ms by at least 0.5. */
  @Test
  void jitteredDelaysAreAtLeastTheirLowerBound() {
    attempts.thenAlways(n -> new IOException("reset " + n));
    assertThrows(IOException.class, () -> rates.jittered("EUR/USD"));
    List<Attempts.Attempt> ran = attempts.ran();
    assertEquals(3, ran.size());
    assertAtLeastApart(50, ran.get(0), ran.get(1));
    assertAtLeastApart(150, ran.get(1), ran.get(2));
  }

  @Test
  void jmxShowsTheRetry() throws Exception {
    String name = FIXTURES + "RatesClient#ticker";
    attempts.then("1.08");
    assertEquals("1.08", rates.ticker("EUR/USD"));
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = new ObjectName("dev.warden:type=Retry,name=" + ObjectName.quote(name));
    assertEquals(name, server.getAttribute(bean, "Name"));
    assertEquals(4L, number(server.getAttribute(bean, "MaxAttempts")));
    assertEquals(250L, number(server.getAttribute(bean, "DelayMillis")));
    assertEquals(1.5, ((Number) server.getAttribute(bean, "Multiplier")).doubleValue());
    assertEquals(2_000L, number(server.getAttribute(bean, "MaxDelayMillis")));
    assertEquals(0.1, ((Number) server.getAttribute(bean, "Jitter")).doubleValue());
    assertArrayEquals(new String[] {"java.io.IOException", "java.util.concurrent.TimeoutException"},
        (String[]) server.getAttribute(bean, "RetryOn"));
    assertArrayEquals(new String[] {"java.io.FileNotFoundException"}, (String[]) server.getAttribute(bean, "AbortOn"));
    assertEquals(0L, number(server.getAttribute(bean, "Retries")));
    assertEquals(0L, number(server.getAttribute(bean, "SuccessesAfterRetry")));
    assertEquals(0L, number(server.getAttribute(bean, "Exhausted")));
  }

  static void assertRetryStats(String name, long retries, long successesAfterRetry, long exhausted) {
    RetryStats stats = retry(name);
    assertEquals(List.of(retries, successesAfterRetry, exhausted),
        List.of(stats.retries(), stats.successesAfterRetry(), stats.exhausted()),
        "retries, successesAfterRetry, exhausted of " + name);
  }

  private static void assertAtLeastApart(long millis, Attempts.Attempt earlier, Attempts.Attempt later) {
    long apart = later.nanoTime() - earlier.nanoTime();
    assertTrue(apart >= TimeUnit.MILLISECONDS.toNanos(millis),
        "at least " + millis + " ms between attempts: " + TimeUnit.NANOSECONDS.toMicros(apart) + " µs");
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
