package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The log lines of the guards, on a fake clock: a breaker's opening at {@code WARNING} with the
 * failure that opened it, its other transitions at {@code INFO}, and the refusals of a rate
 * limiter and a bulkhead, logged once at the first refusal after a quiet minute and never per call.
 */
class GuardLogTest {

  private final FakeTime time = new FakeTime();

  @Test
  void anOpeningIsAWarningNamingTheFailuresAndCarryingTheLastOne() {
    CircuitBreaker breaker = CircuitBreaker.create("log.breaker",
        new CircuitBreakerConfig(3, 5_000, 1, List.of(Throwable.class), List.of()), time);
    ConnectException last = new ConnectException("Connection refused");
    try (CapturedLog log = new CapturedLog()) {
      breaker.recordFailure(new IOException("first"));
      breaker.recordFailure(new IOException("second"));
      assertEquals(List.of(), log.records(Level.WARNING, "'log.breaker'"));
      breaker.recordFailure(last);

      List<LogRecord> opened = log.records(Level.WARNING, "'log.breaker'");
      assertEquals(1, opened.size());
      assertEquals("Circuit breaker 'log.breaker': CLOSED -> OPEN after 3 consecutive failures; calls are refused"
          + " for 5000 ms; last failure: java.net.ConnectException: Connection refused", opened.get(0).getMessage());
      assertSame(last, opened.get(0).getThrown());

      time.advanceMillis(5_000);
      assertTrue(breaker.tryAcquirePermission());
      IllegalStateException trialFailure = new IllegalStateException();
      breaker.recordFailure(trialFailure);
      time.advanceMillis(5_000);
      assertTrue(breaker.tryAcquirePermission());
      breaker.recordSuccess();

      List<LogRecord> warnings = log.records(Level.WARNING, "'log.breaker'");
      assertEquals(2, warnings.size());
      assertEquals("Circuit breaker 'log.breaker': HALF_OPEN -> OPEN: a trial call failed; calls are refused"
          + " for 5000 ms; last failure: java.lang.IllegalStateException (no stack trace: it opened less than 60 s"
          + " after its previous opening)", warnings.get(1).getMessage());
      assertNull(warnings.get(1).getThrown(), "5 s after the first opening: the message alone");
      assertEquals(List.of(
              "Circuit breaker 'log.breaker': OPEN -> HALF_OPEN",
              "Circuit breaker 'log.breaker': OPEN -> HALF_OPEN",
              "Circuit breaker 'log.breaker': HALF_OPEN -> CLOSED"),
          log.messages(Level.INFO, "'log.breaker'"));
      log.records(Level.INFO, "'log.breaker'").forEach(r -> assertNull(r.getThrown()));
    }
  }

  /**
   * A flapping breaker logs every opening at {@code WARNING}, but attaches the failure (for its
   * stack trace) only to the first opening after 60 s without one: once a minute at most.
   */
  @Test
  void aFlappingBreakerAttachesTheFailureOnlyToTheFirstOpeningAfterAQuietMinute() {
    CircuitBreaker breaker = CircuitBreaker.create("log.flapping",
        new CircuitBreakerConfig(1, 1_000, 1, List.of(Throwable.class), List.of()), time);
    try (CapturedLog log = new CapturedLog()) {
      IOException first = new IOException("down 0");
      breaker.recordFailure(first); // opens at 0 s
      for (long afterMillis : new long[] {1_000, 1_000, 1_000, 59_999, 60_000, 60_001, 1_000}) {
        time.advanceMillis(afterMillis); // the cooldown is over: a trial, which fails
        assertTrue(breaker.tryAcquirePermission());
        breaker.recordFailure(new IOException("down " + breaker.transitions(CircuitBreaker.State.OPEN)));
      }
      List<LogRecord> openings = log.records(Level.WARNING, "'log.flapping'");
      assertEquals(8, openings.size(), "every opening is logged");
      assertEquals(List.of(true, false, false, false, false, true, true, false),
          openings.stream().map(r -> r.getThrown() != null).collect(java.util.stream.Collectors.toList()),
          "opened at 0, 1, 2, 3, 62.999, 122.999, 183 and 184 s: traced only 60 s or more after the previous");
      assertSame(first, openings.get(0).getThrown());
      assertEquals("Circuit breaker 'log.flapping': CLOSED -> OPEN after 1 consecutive failure; calls are refused"
          + " for 1000 ms; last failure: java.io.IOException: down 0", openings.get(0).getMessage());
      assertEquals("Circuit breaker 'log.flapping': HALF_OPEN -> OPEN: a trial call failed; calls are refused"
          + " for 1000 ms; last failure: java.io.IOException: down 1 (no stack trace: it opened less than 60 s"
          + " after its previous opening)", openings.get(1).getMessage());
      assertEquals("Circuit breaker 'log.flapping': HALF_OPEN -> OPEN: a trial call failed; calls are refused"
          + " for 1000 ms; last failure: java.io.IOException: down 5", openings.get(5).getMessage());
      assertEquals("down 5", openings.get(5).getThrown().getMessage());
    }
  }

  /** A failure whose message cannot be computed (a lazily formatted message whose state is gone). */
  static final class UnreadableMessage extends IOException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("message unavailable");
    }
  }

  /**
   * An opening by a failure whose message cannot be read is still logged, naming the failure's
   * class; nothing is attached that the backend could not print.
   */
  @Test
  void anOpeningByAFailureWithoutAReadableMessageIsStillLogged() {
    CircuitBreaker breaker = CircuitBreaker.create("log.unreadable",
        new CircuitBreakerConfig(1, 1_000, 1, List.of(Throwable.class), List.of()), time);
    try (CapturedLog log = new CapturedLog()) {
      breaker.recordFailure(new UnreadableMessage());
      List<LogRecord> opened = log.records(Level.WARNING, "'log.unreadable'");
      assertEquals(1, opened.size());
      assertEquals("Circuit breaker 'log.unreadable': CLOSED -> OPEN after 1 consecutive failure; calls are refused"
          + " for 1000 ms; last failure: " + UnreadableMessage.class.getName() + " (its getMessage() threw"
          + " java.lang.IllegalStateException)", opened.get(0).getMessage());
      assertNull(opened.get(0).getThrown());
    }
  }

  @Test
  void anOpeningByAnUntypedFailureSaysSoAndCarriesNoThrowable() {
    CircuitBreaker breaker = CircuitBreaker.create("log.untyped",
        new CircuitBreakerConfig(1, 1_000, 1, List.of(Throwable.class), List.of()), time);
    try (CapturedLog log = new CapturedLog()) {
      breaker.recordFailure();
      List<LogRecord> opened = log.records(Level.WARNING, "'log.untyped'");
      assertEquals(1, opened.size());
      assertEquals("Circuit breaker 'log.untyped': CLOSED -> OPEN after 1 consecutive failure; calls are refused"
          + " for 1000 ms; last failure: an untyped failure (recordFailure())", opened.get(0).getMessage());
      assertNull(opened.get(0).getThrown());
    }
  }

  @Test
  void aRateLimitersRefusalsAreLoggedOnceUntilAQuietMinute() {
    RateLimiter limiter = RateLimiter.create("log.throttle", new RateLimiterConfig(10, 5, 0), time);
    assertQuietPeriods(() -> {
      while (limiter.tryAcquire()) {
        // spends what the bucket refilled; the call that returns false is the one refusal
      }
      return true;
    }, "Rate limiter 'log.throttle' (10/s, burst 5)");
  }

  @Test
  void aBulkheadsRefusalsAreLoggedOnceUntilAQuietMinute() {
    ConcurrencyLimiter bulkhead = ConcurrencyLimiter.create("log.bulkhead", new ConcurrencyLimiterConfig(2, 0), time);
    assertTrue(bulkhead.tryAcquire());
    assertTrue(bulkhead.tryAcquire());
    assertQuietPeriods(() -> !bulkhead.tryAcquire(), "Bulkhead 'log.bulkhead' (2 concurrent, waits up to 0 ms)");
    assertEquals(1 + 1_000 + 1 + 1 + 1 + 1_000, bulkhead.rejections());
  }

  /** The path a guarded method takes ({@code tryAcquireConfigured}) logs its refusals as the others do. */
  @Test
  void refusalsOnTheGuardedMethodsPathAreLoggedOnceUntilAQuietMinute() {
    ConcurrencyLimiter bulkhead = ConcurrencyLimiter.create("log.site.bulkhead", new ConcurrencyLimiterConfig(1, 0), time);
    assertTrue(configured(bulkhead::tryAcquireConfigured));
    assertQuietPeriods(() -> !configured(bulkhead::tryAcquireConfigured),
        "Bulkhead 'log.site.bulkhead' (1 concurrent, waits up to 0 ms)");
    RateLimiter limiter = RateLimiter.create("log.site.throttle", new RateLimiterConfig(10, 5, 0), time);
    assertQuietPeriods(() -> {
      while (configured(limiter::tryAcquireConfigured)) {
        // spends what the bucket refilled; the call that returns false is the one refusal
      }
      return true;
    }, "Rate limiter 'log.site.throttle' (10/s, burst 5)");
  }

  private static boolean configured(Acquire acquire) {
    try {
      return acquire.get();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private interface Acquire {
    boolean get() throws InterruptedException;
  }

  @Test
  void aFractionalRateIsLoggedAsIs() {
    RateLimiter limiter = RateLimiter.create("log.slow", new RateLimiterConfig(0.5, 1, 0), time);
    try (CapturedLog log = new CapturedLog()) {
      assertTrue(limiter.tryAcquire());
      assertFalse(limiter.tryAcquire());
      assertEquals(List.of("Rate limiter 'log.slow' (0.5/s, burst 1) is refusing calls; further refusals are not"
          + " logged until it has refused none for 60 s"), log.messages(Level.INFO, "'log.slow'"));
    }
  }

  /**
   * {@code refuse} makes exactly one refusal: the first is logged, a thousand more are not; a
   * refusal 30 s later is not; one 60 s after that is not either (the guard never was quiet for a
   * full minute); one 61 s after the last is, exactly once, and the thousand after it are not.
   */
  private void assertQuietPeriods(BooleanSupplier refuse, String guard) {
    String line = guard + " is refusing calls; further refusals are not logged until it has refused none for 60 s";
    String name = guard.substring(guard.indexOf('\''), guard.lastIndexOf('\'') + 1);
    try (CapturedLog log = new CapturedLog()) {
      assertTrue(refuse.getAsBoolean());
      assertEquals(List.of(line), log.messages(Level.INFO, name));
      for (int i = 0; i < 1_000; i++) {
        assertTrue(refuse.getAsBoolean());
      }
      time.advanceMillis(30_000);
      assertTrue(refuse.getAsBoolean());
      time.advanceMillis(60_000);
      assertTrue(refuse.getAsBoolean());
      assertEquals(List.of(line), log.messages(Level.INFO, name));
      time.advanceMillis(61_000);
      assertTrue(refuse.getAsBoolean());
      assertEquals(List.of(line, line), log.messages(Level.INFO, name));
      for (int i = 0; i < 1_000; i++) {
        assertTrue(refuse.getAsBoolean());
      }
      assertEquals(List.of(line, line), log.messages(Level.INFO, name));
      assertEquals(List.of(), log.messages(Level.WARNING, name));
    }
  }
}
