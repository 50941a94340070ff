package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.Allocations;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @Retry} at the site for synchronous methods, on a fake clock (a delay is a park that
 * moves the clock by exactly its length) with the jitter's random numbers injected: which
 * failures are retried, the exact delays, what the caller gets, what the counter, the breaker,
 * the limiter and the timeout see, interrupts, and the cost of the first attempt.
 */
class RetrySiteTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);
  /** The jitter's random numbers: 0.5 (no jitter) unless a test queues others. */
  private final List<Double> randoms = new ArrayList<>();
  private final DoubleSupplier random = () -> randoms.isEmpty() ? 0.5 : randoms.remove(0);

  @AfterEach
  void noInterruptLeft() {
    assertFalse(Thread.interrupted(), "a test left the interrupt flag set");
  }

  static class Fixture {
    @CountCalls(name = "re.plain")
    @Retry(name = "re.plain", maxAttempts = 3, delayMillis = 100, multiplier = 2, jitter = 0)
    String plain() {
      return null;
    }

    @Retry(name = "re.jitter", maxAttempts = 3, delayMillis = 100, multiplier = 2, jitter = 0.5)
    void jitter() {}

    @Retry(name = "re.capped", maxAttempts = 5, delayMillis = 100, multiplier = 2, maxDelayMillis = 150, jitter = 0.5)
    void capped() {}

    @Retry(name = "re.abort", maxAttempts = 3, delayMillis = 0, abortOn = IllegalArgumentException.class)
    void abort() {}

    @Retry(name = "re.errors", maxAttempts = 3, delayMillis = 0, retryOn = AssertionError.class)
    void errors() {}

    @Retry(name = "re.once", maxAttempts = 1, delayMillis = 0)
    void once() {}

    @CountCalls(name = "re.breaker")
    @Retry(name = "re.breaker", maxAttempts = 5, delayMillis = 0)
    @Breaker(name = "re.breaker", failureThreshold = 2, cooldownMillis = 60_000)
    void breaker() {}

    @CountCalls(name = "re.breakerRetried")
    @Retry(name = "re.breakerRetried", maxAttempts = 4, delayMillis = 0,
        retryOn = {IOException.class, CircuitOpenException.class})
    @Breaker(name = "re.breakerRetried", failureThreshold = 1, cooldownMillis = 60_000)
    void breakerRetried() {}

    @Retry(name = "re.fallback", maxAttempts = 3, delayMillis = 0, retryOn = {IOException.class, CircuitOpenException.class})
    @Breaker(name = "re.fallback", failureThreshold = 1, cooldownMillis = 60_000, fallback = "cached")
    String fallback() {
      return null;
    }

    String cached() {
      return "cached";
    }

    @Retry(name = "re.throttled", maxAttempts = 3, delayMillis = 1000, jitter = 0, retryOn = ThrottledException.class)
    @Throttled(name = "re.throttled", callsPerSecond = 1, burst = 1, maxWaitMillis = 0)
    void throttled() {}

    @Retry(name = "re.throttledNotRetried", maxAttempts = 3, delayMillis = 0)
    @Throttled(name = "re.throttledNotRetried", callsPerSecond = 1, burst = 1, maxWaitMillis = 0)
    void throttledNotRetried() {}

    @Retry(name = "re.timeout", maxAttempts = 3, delayMillis = 0)
    @Timeout(name = "re.timeout", millis = 100, interrupt = false)
    String timeout() {
      return null;
    }

    @Retry(name = "re.zeroBytes", maxAttempts = 3, delayMillis = 0)
    void zeroBytes() {}

    @Retry(name = "re.zeroBytesTimed", maxAttempts = 3, delayMillis = 0)
    @Timeout(name = "re.zeroBytesTimed", millis = 60_000)
    void zeroBytesTimed() {}
  }

  private GuardSite site(String method) {
    return Protocol.site(registry, timer, random, Fixture.class, method);
  }

  /** The retry statistics of a fixture's site, named {@code re.<method>}. */
  private RetryStats retryOf(GuardSite site) {
    String method = site.method();
    return registry.findRetry("re." + method.substring(method.indexOf('#') + 1));
  }

  /** A body that throws each of {@code failures} in turn, then returns {@code result}. */
  private static Callable<Object> failing(AtomicInteger runs, Object result, Throwable... failures) {
    return () -> {
      int run = runs.getAndIncrement();
      if (run < failures.length) {
        throw sneaky(failures[run]);
      }
      return result;
    };
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void aBodyThatFailsTwiceSucceedsAtItsThirdAttemptAfterExactDelays() throws Exception {
    GuardSite site = site("plain");
    AtomicInteger runs = new AtomicInteger();
    long start = time.peek();
    Object result = Protocol.callRetrying(site, failing(runs, "ok", new IOException("1"), new IOException("2")));
    assertEquals("ok", result);
    assertEquals(3, runs.get());
    assertEquals(300_000_000L, time.peek() - start, "waited 100 ms, then 200 ms");
    RetryStats retry = retryOf(site);
    assertEquals(2, retry.retries());
    assertEquals(1, retry.successesAfterRetry());
    assertEquals(0, retry.exhausted());
    CallStats stats = registry.findStats("re.plain");
    assertEquals(1, stats.calls(), "one logical call");
    assertEquals(1, stats.successes());
    assertEquals(0, stats.failures());
  }

  @Test
  void whenEveryAttemptFailsTheLastFailureIsThrownUnchanged() {
    GuardSite site = site("plain");
    AtomicInteger runs = new AtomicInteger();
    IOException last = new IOException("3");
    Throwable cause = last.getCause();
    IOException thrown = assertThrows(IOException.class, () -> Protocol.callRetrying(site,
        failing(runs, "never", new IOException("1"), new IOException("2"), last)));
    assertSame(last, thrown);
    assertSame(cause, thrown.getCause());
    assertEquals(0, thrown.getSuppressed().length, "nothing added to it");
    assertEquals(3, runs.get());
    RetryStats retry = retryOf(site);
    assertEquals(2, retry.retries());
    assertEquals(0, retry.successesAfterRetry());
    assertEquals(1, retry.exhausted());
    CallStats stats = registry.findStats("re.plain");
    assertEquals(1, stats.calls());
    assertEquals(1, stats.failures());
  }

  @Test
  void eachDelayIsScaledByTheJitterFactorOfItsRandomNumber() throws Exception {
    GuardSite site = site("jitter");
    randoms.addAll(List.of(0.0, 0.75));
    long start = time.peek();
    Protocol.callRetrying(site, failing(new AtomicInteger(), null, new IOException(), new IOException()));
    // 100 ms × (1 - 0.5 + 2 × 0.5 × 0.0) = 50 ms; 200 ms × (1 - 0.5 + 2 × 0.5 × 0.75) = 250 ms
    assertEquals(300_000_000L, time.peek() - start);
  }

  @Test
  void noDelayExceedsTheCapEvenWithJitter() throws Exception {
    GuardSite site = site("capped");
    randoms.addAll(List.of(0.5, 0.5, 0.999, 0.0));
    long start = time.peek();
    Protocol.callRetrying(site, failing(new AtomicInteger(), null,
        new IOException(), new IOException(), new IOException(), new IOException()));
    // 100; min(150, 200) = 150; 150 × 1.499 capped at 150; min(150, 800) × 0.5 = 75
    assertEquals((100 + 150 + 150 + 75) * 1_000_000L, time.peek() - start);
  }

  @Test
  void anAbortOnFailureIsNotRetried() {
    GuardSite site = site("abort");
    AtomicInteger runs = new AtomicInteger();
    IllegalArgumentException first = new IllegalArgumentException();
    assertSame(first, assertThrows(IllegalArgumentException.class,
        () -> Protocol.callRetrying(site, failing(runs, null, first))));
    assertEquals(1, runs.get());
    assertEquals(0, retryOf(site).retries());
    assertEquals(0, retryOf(site).exhausted(), "not retried at all: not exhausted");
  }

  @Test
  void anErrorIsRetriedOnlyWhenRetryOnNamesAnErrorType() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AssertionError error = new AssertionError();
    assertSame(error, assertThrows(AssertionError.class,
        () -> Protocol.callRetrying(site("plain"), failing(runs, null, error))));
    assertEquals(1, runs.get(), "the default retryOn (Exception) does not retry an Error");

    AtomicInteger retried = new AtomicInteger();
    assertEquals("ok", Protocol.callRetrying(site("errors"), failing(retried, "ok", new AssertionError())));
    assertEquals(2, retried.get());
  }

  @Test
  void aFailureAfterARetryThatIsNotRetriedEndsTheCallButIsNotExhausted() {
    GuardSite site = site("abort");
    AtomicInteger runs = new AtomicInteger();
    IllegalArgumentException second = new IllegalArgumentException();
    assertSame(second, assertThrows(IllegalArgumentException.class,
        () -> Protocol.callRetrying(site, failing(runs, null, new IOException(), second))));
    assertEquals(2, runs.get());
    assertEquals(1, retryOf(site).retries());
    assertEquals(0, retryOf(site).exhausted());
  }

  @Test
  void oneAttemptIsNeverRetried() {
    GuardSite site = site("once");
    AtomicInteger runs = new AtomicInteger();
    assertThrows(IOException.class, () -> Protocol.callRetrying(site, failing(runs, null, new IOException())));
    assertEquals(1, runs.get());
    assertEquals(1, retryOf(site).exhausted(), "a retried kind of failure with no attempt left");
  }

  @Test
  void anInterruptDuringADelayEndsTheCallWithTheLastFailureAndKeepsTheFlag() {
    FakeTime fake = new FakeTime();
    TimeSource interrupting = new TimeSource() {
      @Override
      public long nanoTime() {
        return fake.nanoTime();
      }

      @Override
      public void parkNanos(long nanos) {
        fake.parkNanos(nanos / 2); // woken half-way by an interrupt
        Thread.currentThread().interrupt();
      }
    };
    GuardRegistry own = Registries.create(interrupting);
    GuardSite site = Protocol.site(own, new TimeoutTimer(interrupting, Runnable::run, false), random, Fixture.class, "plain");
    AtomicInteger runs = new AtomicInteger();
    IOException first = new IOException("1");
    try {
      assertSame(first, assertThrows(IOException.class,
          () -> Protocol.callRetrying(site, failing(runs, "ok", first, new IOException("2")))));
      assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set");
      assertEquals(1, runs.get(), "no attempt after the interrupt");
      assertEquals(0, own.findRetry("re.plain").retries());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aThreadInterruptedBeforeARetryMakesNoFurtherAttemptEvenWithoutDelay() {
    GuardSite site = site("abort"); // delayMillis = 0
    AtomicInteger runs = new AtomicInteger();
    IOException first = new IOException();
    try {
      assertSame(first, assertThrows(IOException.class, () -> Protocol.callRetrying(site, () -> {
        runs.incrementAndGet();
        Thread.currentThread().interrupt();
        throw first;
      })));
      assertTrue(Thread.currentThread().isInterrupted());
      assertEquals(1, runs.get());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void eachAttemptAsksTheBreakerAgainAndAnOpenCircuitEndsTheCall() {
    GuardSite site = site("breaker");
    AtomicInteger runs = new AtomicInteger();
    CircuitOpenException open = assertThrows(CircuitOpenException.class, () -> Protocol.callRetrying(site,
        failing(runs, null, new IOException(), new IOException(), new IOException())));
    assertEquals(CircuitBreaker.State.OPEN, open.state());
    assertEquals(2, runs.get(), "two failures opened the circuit; the third attempt was refused");
    assertEquals(2, retryOf(site).retries());
    assertEquals(0, retryOf(site).exhausted());
    CallStats stats = registry.findStats("re.breaker");
    assertEquals(1, stats.calls());
    assertEquals(1, stats.rejections(), "the call ended with the breaker's rejection");
    assertEquals(0, stats.failures());
  }

  @Test
  void anOpenCircuitIsRetriedWhenRetryOnNamesIt() {
    GuardSite site = site("breakerRetried");
    AtomicInteger runs = new AtomicInteger();
    assertThrows(CircuitOpenException.class, () -> Protocol.callRetrying(site,
        failing(runs, null, new IOException(), new IOException())));
    assertEquals(1, runs.get(), "the circuit opened after the first attempt; attempts 2-4 were refused");
    assertEquals(3, retryOf(site).retries());
    assertEquals(1, retryOf(site).exhausted());
    assertEquals(1, registry.findStats("re.breakerRetried").rejections());
  }

  @Test
  void aRefusalWithAFallbackIsAnsweredByTheFallbackNotRetried() throws Exception {
    GuardSite site = site("fallback");
    AtomicInteger runs = new AtomicInteger();
    assertEquals("cached", Protocol.callRetrying(site, new Fixture(), new Object[0],
        failing(runs, "fresh", new IOException())));
    assertEquals(1, runs.get(), "the first attempt opened the circuit; the second met the fallback");
    assertEquals(1, retryOf(site).retries());
  }

  @Test
  void aThrottledAttemptIsRetriedAfterItsDelayWhenRetryOnNamesIt() throws Exception {
    GuardSite site = site("throttled");
    Protocol.callRetrying(site, () -> null); // takes the only token
    AtomicInteger runs = new AtomicInteger();
    long start = time.peek();
    Protocol.callRetrying(site, failing(runs, null));
    assertEquals(1, runs.get(), "the body ran once, at the second attempt");
    assertEquals(1_000_000_000L, time.peek() - start, "one delay of 1 s: the token was back");
    assertEquals(1, retryOf(site).retries());
  }

  @Test
  void aThrottledFirstAttemptIsARejectionWithoutAllocationWhenNotRetried() {
    GuardSite site = site("throttledNotRetried");
    Object admitted = site.enter();
    assertNull(site.returned(admitted));
    Object first = site.enter();
    Object second = site.enter();
    assertInstanceOf(GuardRejectedException.class, first);
    assertSame(first, second, "the site's shared marker: nothing made per rejection");
    assertThrows(ThrottledException.class, () -> site.rejected(first, null, null));
  }

  @Test
  void anAttemptThatRanOverItsTimeoutIsAFailedAttemptAndRetried() throws Exception {
    GuardSite site = site("timeout");
    AtomicInteger runs = new AtomicInteger();
    Object result = Protocol.callRetrying(site, () -> {
      if (runs.getAndIncrement() == 0) {
        time.advanceMillis(150); // returns a value, but late
        return "late";
      }
      return "in time";
    });
    assertEquals("in time", result);
    assertEquals(2, runs.get());
    TimeoutStats timeouts = registry.findTimeout("re.timeout");
    assertEquals(1, timeouts.timeouts());
    assertEquals(1, retryOf(site).retries());
    assertEquals(1, retryOf(site).successesAfterRetry());
  }

  @Test
  void whenTheLastAttemptRunsOverItsTimeoutItsTimeoutIsTheLastFailure() {
    GuardSite site = site("timeout");
    IOException slowFailure = new IOException("slow");
    CallTimeoutException last = assertThrows(CallTimeoutException.class, () -> Protocol.callRetrying(site, () -> {
      time.advanceMillis(150);
      throw slowFailure;
    }));
    assertSame(slowFailure, last.getCause());
    assertEquals(3, registry.findTimeout("re.timeout").timeouts());
    assertEquals(1, retryOf(site).exhausted());
  }

  @Test
  void theFirstAttemptSuccessPathAllocatesNothing() throws Exception {
    for (String method : new String[] {"zeroBytes", "zeroBytesTimed"}) {
      GuardSite site = GuardSite.forMethod(Fixture.class, method);
      long least = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long before = Allocations.ofThisThread();
        for (int i = 0; i < 100_000; i++) {
          Object permit = site.enter();
          if (site.returned(permit) != null) {
            throw new AssertionError("no retry expected");
          }
        }
        least = Math.min(least, Allocations.ofThisThread() - before);
      }
      // one object of 16 bytes every 160 calls would already be 10,000 bytes
      assertTrue(least < 10_000, method + ": " + least + " bytes allocated by 100,000 calls");
    }
  }

  @Test
  void aSiteWithoutRetryEndsTheCallAtTheFirstFailure() {
    GuardSite site = Protocol.site(registry, timer, TimeoutSiteTest.Fixture.class, "patient");
    AtomicInteger runs = new AtomicInteger();
    UncheckedIOException failure = new UncheckedIOException(new IOException());
    assertSame(failure, assertThrows(UncheckedIOException.class,
        () -> Protocol.callRetrying(site, failing(runs, null, failure))));
    assertEquals(1, runs.get());
  }
}
