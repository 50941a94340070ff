package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link RetryConfig}: validation, which failures are retried, and the delay before each retry. */
class RetryConfigTest {

  private static final long MS = 1_000_000L;
  private static final double JUST_BELOW_ONE = Math.nextDown(1.0);

  private static RetryConfig config(int maxAttempts, long delayMillis, double multiplier, long maxDelayMillis,
      double jitter) {
    return new RetryConfig(maxAttempts, delayMillis, multiplier, maxDelayMillis, jitter, List.of(Exception.class),
        List.of());
  }

  private static RetryConfig retryingOn(List<Class<? extends Throwable>> retryOn,
      List<Class<? extends Throwable>> abortOn) {
    return new RetryConfig(3, 0, 1.0, 0, 0, retryOn, abortOn);
  }

  private static void rejected(String attribute, String value, String message, Executable construction) {
    ConfigurationException e = assertThrows(ConfigurationException.class, construction);
    assertEquals(attribute, e.attribute());
    assertEquals(value, e.value());
    assertEquals(message, e.getMessage());
  }

  @Test
  void everyInvalidValueIsRejectedWithAttributeValueAndRule() {
    rejected("maxAttempts", "0", "maxAttempts must be >= 1, got 0", () -> config(0, 100, 2, 1_000, 0));
    rejected("maxAttempts", "-1", "maxAttempts must be >= 1, got -1", () -> config(-1, 100, 2, 1_000, 0));
    rejected("delayMillis", "-1", "delayMillis must be >= 0, got -1", () -> config(3, -1, 2, 1_000, 0));
    rejected("multiplier", "0.5", "multiplier must be >= 1.0 and finite, got 0.5", () -> config(3, 100, 0.5, 1_000, 0));
    rejected("multiplier", "NaN", "multiplier must be >= 1.0 and finite, got NaN",
        () -> config(3, 100, Double.NaN, 1_000, 0));
    rejected("multiplier", "Infinity", "multiplier must be >= 1.0 and finite, got Infinity",
        () -> config(3, 100, Double.POSITIVE_INFINITY, 1_000, 0));
    rejected("maxDelayMillis", "99",
        "maxDelayMillis must be >= delayMillis (100) and <= 4611686018427 (2^62 ns, about 146 years), got 99",
        () -> config(3, 100, 2, 99, 0));
    rejected("maxDelayMillis", "4611686018428",
        "maxDelayMillis must be >= delayMillis (0) and <= 4611686018427 (2^62 ns, about 146 years), got 4611686018428",
        () -> config(3, 0, 2, RetryConfig.LONGEST_DELAY_MILLIS + 1, 0));
    rejected("jitter", "1.5", "jitter must be from 0 to 1, got 1.5", () -> config(3, 100, 2, 1_000, 1.5));
    rejected("jitter", "-0.1", "jitter must be from 0 to 1, got -0.1", () -> config(3, 100, 2, 1_000, -0.1));
    rejected("jitter", "NaN", "jitter must be from 0 to 1, got NaN", () -> config(3, 100, 2, 1_000, Double.NaN));
    assertThrows(NullPointerException.class, () -> new RetryConfig(3, 0, 1, 0, 0, null, List.of()));
    assertThrows(NullPointerException.class, () -> new RetryConfig(3, 0, 1, 0, 0, List.of(), null));
  }

  @Test
  void extremeValidValuesAreAccepted() {
    config(1, 0, 1.0, 0, 0);
    config(Integer.MAX_VALUE, RetryConfig.LONGEST_DELAY_MILLIS, Double.MAX_VALUE, RetryConfig.LONGEST_DELAY_MILLIS, 1);
    assertEquals(4_611_686_018_427L, RetryConfig.LONGEST_DELAY_MILLIS);
    assertEquals(new RetryConfig(3, 1000, 2.0, 30_000, 0.2, List.of(Exception.class), List.of()),
        RetryConfig.defaults());
  }

  @Test
  void theDefaultRetriesExceptionsButNoErrorAndNoRejection() {
    RetryConfig defaults = RetryConfig.defaults();
    assertTrue(defaults.isRetried(new IOException()));
    assertTrue(defaults.isRetried(new IllegalStateException()));
    assertTrue(defaults.isRetried(new CallTimeoutException("t", 10, null)), "a timeout is an ordinary failure");
    assertFalse(defaults.isRetried(new AssertionError()));
    assertFalse(defaults.isRetried(new OutOfMemoryError()));
    assertFalse(defaults.isRetried(new CircuitOpenException("b", CircuitBreaker.State.OPEN)));
    assertFalse(defaults.isRetried(new ThrottledException("t")));
    assertFalse(defaults.isRetried(new BulkheadFullException("b")));
  }

  @Test
  void throwableRetriesEveryExceptionButNoErrorAndNoRejection() {
    RetryConfig all = retryingOn(List.of(Throwable.class), List.of());
    assertTrue(all.isRetried(new Exception()));
    assertTrue(all.isRetried(new Throwable()), "a plain Throwable is neither an Error nor a rejection");
    assertFalse(all.isRetried(new Error()));
    assertFalse(all.isRetried(new ThrottledException("t")));
  }

  /** An interrupted attempt means "stop": retried only when retryOn names InterruptedException itself. */
  @Test
  void anInterruptedExceptionIsRetriedOnlyWhenRetryOnNamesIt() {
    assertFalse(RetryConfig.defaults().isRetried(new InterruptedException()));
    assertFalse(retryingOn(List.of(Throwable.class), List.of()).isRetried(new InterruptedException()));
    assertTrue(retryingOn(List.of(InterruptedException.class), List.of()).isRetried(new InterruptedException()));
  }

  @Test
  void anErrorIsRetriedWhenRetryOnNamesAnErrorType() {
    RetryConfig errors = retryingOn(List.of(Error.class), List.of());
    assertTrue(errors.isRetried(new AssertionError()));
    assertFalse(errors.isRetried(new IOException()));
  }

  @Test
  void aRejectionIsRetriedOnlyWhenRetryOnNamesItsType() {
    RetryConfig openCircuit = retryingOn(List.of(CircuitOpenException.class), List.of());
    assertTrue(openCircuit.isRetried(new CircuitOpenException("b", CircuitBreaker.State.HALF_OPEN)));
    assertFalse(openCircuit.isRetried(new ThrottledException("t")));
    assertFalse(openCircuit.isRetried(new IOException()));

    RetryConfig rejections = retryingOn(List.of(GuardRejectedException.class), List.of());
    assertTrue(rejections.isRetried(new CircuitOpenException("b", CircuitBreaker.State.OPEN)));
    assertTrue(rejections.isRetried(new ThrottledException("t")));
    assertTrue(rejections.isRetried(new BulkheadFullException("b")));
    assertFalse(rejections.isRetried(new IllegalStateException()));
  }

  @Test
  void abortOnWinsOverRetryOn() {
    RetryConfig config = retryingOn(List.of(IOException.class, Error.class, GuardRejectedException.class),
        List.of(FileNotFoundException.class, AssertionError.class, ThrottledException.class));
    assertTrue(config.isRetried(new IOException()));
    assertFalse(config.isRetried(new FileNotFoundException()));
    assertTrue(config.isRetried(new OutOfMemoryError()));
    assertFalse(config.isRetried(new AssertionError()));
    assertTrue(config.isRetried(new BulkheadFullException("b")));
    assertFalse(config.isRetried(new ThrottledException("t")));
    assertFalse(config.isRetried(new UncheckedIOException(new IOException())), "the cause is not looked at");
    assertFalse(retryingOn(List.of(Exception.class), List.of(Exception.class)).isRetried(new IOException()));
  }

  @Test
  void withoutJitterTheDelaysDoubleUpToTheCap() {
    RetryConfig doubling = config(10, 100, 2.0, 300, 0);
    assertEquals(100 * MS, doubling.delayNanos(1, 0.7));
    assertEquals(200 * MS, doubling.delayNanos(2, 0.7));
    assertEquals(300 * MS, doubling.delayNanos(3, 0.7));
    assertEquals(300 * MS, doubling.delayNanos(4, 0.7));
    RetryConfig uncapped = config(10, 100, 2.0, 30_000, 0);
    assertEquals(400 * MS, uncapped.delayNanos(3, 0.0));
    assertEquals(800 * MS, uncapped.delayNanos(4, JUST_BELOW_ONE));
  }

  @Test
  void jitterScalesTheNominalDelayBetweenItsBounds() {
    RetryConfig jittered = config(10, 100, 2.0, 30_000, 0.2);
    assertEquals(80 * MS, jittered.delayNanos(1, 0.0));
    assertEquals(100 * MS, jittered.delayNanos(1, 0.5));
    assertEquals(160 * MS, jittered.delayNanos(2, 0.0));
    assertEquals(200 * MS, jittered.delayNanos(2, 0.5));
    assertEquals(400 * MS, jittered.delayNanos(3, 0.5));
    assertEquals(110 * MS, jittered.delayNanos(1, 0.75));
    long high = jittered.delayNanos(1, JUST_BELOW_ONE);
    assertTrue(high > 119_999_999L && high <= 120 * MS, high + " ns: the top of [0.8, 1.2) x 100 ms");

    RetryConfig full = config(10, 100, 2.0, 30_000, 1.0);
    assertEquals(0, full.delayNanos(1, 0.0));
    assertEquals(100 * MS, full.delayNanos(1, 0.5));
  }

  @Test
  void jitterNeverTakesADelayOverTheCap() {
    RetryConfig capped = config(10, 100, 2.0, 300, 0.2);
    assertEquals(300 * MS, capped.delayNanos(3, JUST_BELOW_ONE), "1.2 x 300 ms capped at 300 ms");
    assertEquals(300 * MS, capped.delayNanos(3, 0.5));
    assertEquals(240 * MS, capped.delayNanos(3, 0.0), "the jitter scales the capped delay down");
    assertEquals(100 * MS, config(10, 100, 2.0, 100, 1.0).delayNanos(1, JUST_BELOW_ONE), "twice 100 ms capped");
  }

  @Test
  void aMultiplierOfOneIsAFixedDelay() {
    RetryConfig fixed = config(10, 250, 1.0, 250, 0);
    for (int retry = 1; retry <= 9; retry++) {
      assertEquals(250 * MS, fixed.delayNanos(retry, 0.3));
    }
    assertEquals(250 * MS, fixed.delayNanos(Integer.MAX_VALUE, 0.3));
  }

  @Test
  void aZeroDelayIsZeroWhateverTheRetryAndMultiplier() {
    assertEquals(0, config(10, 0, 2.0, 0, 0.2).delayNanos(1, JUST_BELOW_ONE));
    assertEquals(0, config(10, 0, 2.0, 1_000, 0.2).delayNanos(Integer.MAX_VALUE, JUST_BELOW_ONE),
        "0 ms times an infinite growth is no delay");
    assertEquals(0, config(10, 0, Double.MAX_VALUE, 1_000, 0).delayNanos(5, 0.5));
  }

  @Test
  void hugeRetriesAndMultipliersStopAtTheCap() {
    RetryConfig huge = config(Integer.MAX_VALUE, 1, Double.MAX_VALUE, 30_000, 0.2);
    assertEquals(30_000 * MS, huge.delayNanos(2, JUST_BELOW_ONE));
    assertEquals(30_000 * MS, huge.delayNanos(Integer.MAX_VALUE, 0.5));
    assertEquals(24_000 * MS, huge.delayNanos(Integer.MAX_VALUE, 0.0));
    RetryConfig longest = config(Integer.MAX_VALUE, 1, 2.0, RetryConfig.LONGEST_DELAY_MILLIS, 1.0);
    long cap = RetryConfig.LONGEST_DELAY_MILLIS * MS;
    assertEquals(cap, longest.delayNanos(Integer.MAX_VALUE, JUST_BELOW_ONE), "twice 2^62 ns does not overflow");
    long nominal = longest.delayNanos(70, 0.5);
    assertTrue(nominal <= cap && nominal > cap - 1_000, nominal + " ns: the cap, to a double's precision");
    assertTrue(cap <= 1L << 62);
  }

  /**
   * Defect R1: above about 2^53 ns the cap was computed in double, whose rounding can lie above
   * {@code maxDelayMillis} in nanoseconds, so a delay could exceed {@code maxDelayMillis}
   * (1000000000003 ms gave 1000000000003000064 ns).
   */
  @Test
  void aDelayNeverExceedsMaxDelayMillisInNanoseconds() {
    long maxDelay = 1_000_000_000_003L;
    RetryConfig fixedAtTheCap = config(3, maxDelay, 1.0, maxDelay, 0);
    assertEquals(maxDelay * MS, fixedAtTheCap.delayNanos(1, 0.5));
    RetryConfig growing = config(3, 1, 2.0, maxDelay, 0.5);
    assertEquals(maxDelay * MS, growing.delayNanos(60, JUST_BELOW_ONE));
  }

  @Test
  void retryNumbersStartAtOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryConfig.defaults().delayNanos(0, 0.5));
    assertEquals("retry must be >= 1: 0", e.getMessage());
  }
}
