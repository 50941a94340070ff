package dev.warden.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The retries users would pick instead of {@code @Retry}, each set to at most {@link #MAX_ATTEMPTS}
 * attempts retrying any {@code Exception}, guarding the call the way its documentation shows
 * (decorated suppliers and executors built once), and the floor: a plain loop with try/catch.
 *
 * <p>Two cases. <b>First attempt succeeds</b> ({@code ...FirstAttempt}): no retry happens; each
 * retry is configured like {@code @Retry(maxAttempts = 3)} with its defaults as far as the library
 * can say it (first delay 1 s, doubling, at most 30 s, jitter ±20%). <b>Fails once, then
 * succeeds</b> ({@code ...FailOnce}): the first attempt throws {@link FailOnce#FAILURE}, the
 * second returns; no delay and no jitter ({@code @Retry(maxAttempts = 3, delayMillis = 0, jitter =
 * 0)}), so one retry is measured, not a sleep. A call that fails to its caller fails the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class RetryAnchors {

  /** Attempts of every retry measured, Warden's included: the first and at most two retries. */
  static final int MAX_ATTEMPTS = 3;

  private static final Duration DELAY = Duration.ofSeconds(1);
  private static final Duration MAX_DELAY = Duration.ofSeconds(30);
  private static final double MULTIPLIER = 2.0;
  private static final double JITTER = 0.2;

  private final Service service = new Service();
  private final Supplier<String> plain = service::plain;
  private final CheckedSupplier<String> checkedPlain = service::plain;

  private final Supplier<String> resilience4jFirstAttempt =
      Retry.decorateSupplier(
          Retry.of("bench-first", RetryConfig.custom()
              .maxAttempts(MAX_ATTEMPTS)
              .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(DELAY, MULTIPLIER, JITTER, MAX_DELAY))
              .retryExceptions(Exception.class)
              .build()),
          plain);

  private final FailsafeExecutor<String> failsafeFirstAttempt =
      Failsafe.with(RetryPolicy.<String>builder()
          .handle(Exception.class)
          .withMaxAttempts(MAX_ATTEMPTS)
          .withBackoff(DELAY, MAX_DELAY, MULTIPLIER)
          .withJitter(JITTER)
          .build());

  /** SmallRye's jitter is an absolute ± duration: ±20% of the first delay. */
  private final TypedGuard<String> smallRyeFirstAttempt =
      TypedGuard.create(String.class)
          .withRetry()
          .maxRetries(MAX_ATTEMPTS - 1)
          .delay(DELAY.toMillis(), ChronoUnit.MILLIS)
          .jitter((long) (DELAY.toMillis() * JITTER), ChronoUnit.MILLIS)
          .retryOn(Exception.class)
          .withExponentialBackoff().factor((int) MULTIPLIER).maxDelay(MAX_DELAY.toMillis(), ChronoUnit.MILLIS).done()
          .done()
          .build();

  private final Retry resilience4jNoDelay =
      Retry.of("bench-fail-once", RetryConfig.custom()
          .maxAttempts(MAX_ATTEMPTS)
          .waitDuration(Duration.ZERO)
          .retryExceptions(Exception.class)
          .build());

  /** No delay is Failsafe's default ({@code withDelay} refuses zero). */
  private final FailsafeExecutor<String> failsafeNoDelay =
      Failsafe.with(RetryPolicy.<String>builder().handle(Exception.class).withMaxAttempts(MAX_ATTEMPTS).build());

  private final TypedGuard<String> smallRyeNoDelay =
      TypedGuard.create(String.class)
          .withRetry()
          .maxRetries(MAX_ATTEMPTS - 1)
          .delay(0, ChronoUnit.MILLIS)
          .jitter(0, ChronoUnit.MILLIS)
          .retryOn(Exception.class)
          .done()
          .build();

  /** The floor: a loop with try/catch around the call that never fails (its catch is never entered). */
  @Benchmark
  public String loopFirstAttempt() {
    long delayNanos = DELAY.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return service.plain();
      } catch (RuntimeException failure) {
        if (attempt == MAX_ATTEMPTS) {
          throw failure;
        }
        LockSupport.parkNanos(delayNanos);
        delayNanos = Math.min(MAX_DELAY.toNanos(), (long) (delayNanos * MULTIPLIER));
      }
    }
  }

  /** The floor of one retry: the same loop, no delay, around a call that fails once. */
  @Benchmark
  public String loopFailOnce(FailOnce failOnce) {
    failOnce.arm();
    for (int attempt = 1; ; attempt++) {
      try {
        return service.failOnce(failOnce);
      } catch (RuntimeException failure) {
        if (attempt == MAX_ATTEMPTS) {
          throw failure;
        }
      }
    }
  }

  /** Resilience4j {@code Retry.decorateSupplier}, exponential random backoff; the first attempt succeeds. */
  @Benchmark
  public String resilience4jFirstAttempt() {
    return resilience4jFirstAttempt.get();
  }

  /**
   * Resilience4j {@code Retry.decorateSupplier}, no wait, around a call that fails once. The
   * supplier is decorated per call because it captures the thread's {@link FailOnce}.
   */
  @Benchmark
  public String resilience4jFailOnce(FailOnce failOnce) {
    failOnce.arm();
    return Retry.decorateSupplier(resilience4jNoDelay, () -> service.failOnce(failOnce)).get();
  }

  /** Failsafe {@code Failsafe.with(retryPolicy).get(supplier)}, backoff with jitter; the first attempt succeeds. */
  @Benchmark
  public String failsafeFirstAttempt() {
    return failsafeFirstAttempt.get(checkedPlain);
  }

  /** Failsafe {@code Failsafe.with(retryPolicy).get(supplier)}, no delay, around a call that fails once. */
  @Benchmark
  public String failsafeFailOnce(FailOnce failOnce) {
    failOnce.arm();
    return failsafeNoDelay.get(() -> service.failOnce(failOnce));
  }

  /** SmallRye Fault Tolerance standalone {@code TypedGuard} with a retry, exponential backoff; the first attempt succeeds. */
  @Benchmark
  public String smallRyeFirstAttempt() {
    return smallRyeFirstAttempt.get(plain);
  }

  /** SmallRye Fault Tolerance standalone {@code TypedGuard} with a retry, no delay and no jitter, around a call that fails once. */
  @Benchmark
  public String smallRyeFailOnce(FailOnce failOnce) {
    failOnce.arm();
    return smallRyeNoDelay.get(() -> service.failOnce(failOnce));
  }
}
