package dev.warden.benchmarks;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a rejected call costs in the libraries a user would pick instead: each open breaker and
 * each spent rate limiter is built with its defaults except a wait of an hour (so it stays
 * rejecting for the whole run), decorating {@link Service#plain()} as its documentation shows;
 * the caught exception is returned, as in {@link RejectionWarden}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class RejectionAnchors {

  private static final Duration HOUR = Duration.ofHours(1);

  private final Service service = new Service();
  private final Supplier<String> plain = service::plain;
  private final CheckedSupplier<String> checkedPlain = service::plain;

  private final io.github.resilience4j.circuitbreaker.CircuitBreaker r4jBreaker =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.of("open",
          CircuitBreakerConfig.custom().waitDurationInOpenState(HOUR).build());
  private final Supplier<String> r4jOpen =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(r4jBreaker, plain);

  private final io.github.resilience4j.circuitbreaker.CircuitBreaker r4jStacklessBreaker =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.of("stackless",
          CircuitBreakerConfig.custom().waitDurationInOpenState(HOUR).writableStackTraceEnabled(false).build());
  private final Supplier<String> r4jOpenStackless =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(r4jStacklessBreaker, plain);

  private final Supplier<String> r4jLimited =
      io.github.resilience4j.ratelimiter.RateLimiter.decorateSupplier(
          io.github.resilience4j.ratelimiter.RateLimiter.of("limited",
              RateLimiterConfig.custom().limitForPeriod(1).limitRefreshPeriod(HOUR).timeoutDuration(Duration.ZERO).build()),
          plain);

  private final dev.failsafe.CircuitBreaker<String> failsafeBreaker =
      dev.failsafe.CircuitBreaker.<String>builder().withDelay(HOUR).build();
  private final FailsafeExecutor<String> failsafeOpen = Failsafe.with(failsafeBreaker);
  private final FailsafeExecutor<String> failsafeLimited =
      Failsafe.with(dev.failsafe.RateLimiter.<String>burstyBuilder(1, HOUR).build());

  private final TypedGuard<String> smallRyeOpen =
      TypedGuard.create(String.class)
          .withCircuitBreaker().requestVolumeThreshold(1).delay(1, ChronoUnit.HOURS).done()
          .build();
  private final TypedGuard<String> smallRyeLimited =
      TypedGuard.create(String.class).withRateLimit().limit(1).window(1, ChronoUnit.HOURS).done().build();

  /** Opens the breakers, spends the rate limiters' permits, and checks that each one rejects. */
  @Setup
  public void startRejecting() throws Exception {
    r4jBreaker.transitionToOpenState();
    r4jStacklessBreaker.transitionToOpenState();
    failsafeBreaker.open();
    r4jLimited.get();
    failsafeLimited.get(checkedPlain);
    smallRyeLimited.get(plain);
    try {
      smallRyeOpen.get(() -> {
        throw new IllegalStateException("opens the breaker");
      });
    } catch (IllegalStateException expected) {
      // the one failure opens it
    }
    for (Supplier<Object> benchmark : java.util.List.<Supplier<Object>>of(
        this::resilience4jOpen, this::resilience4jOpenStackless, this::resilience4jLimited,
        this::failsafeOpen, this::failsafeLimited, this::smallRyeOpen, this::smallRyeLimited)) {
      if (!(benchmark.get() instanceof Exception)) {
        throw new IllegalStateException("an anchor does not reject");
      }
    }
  }

  /** Resilience4j, open, defaults: {@code CallNotPermittedException} with its stack trace. */
  @Benchmark
  public Object resilience4jOpen() {
    try {
      return r4jOpen.get();
    } catch (CallNotPermittedException e) {
      return e;
    }
  }

  /** Resilience4j, open, {@code writableStackTraceEnabled(false)}. */
  @Benchmark
  public Object resilience4jOpenStackless() {
    try {
      return r4jOpenStackless.get();
    } catch (CallNotPermittedException e) {
      return e;
    }
  }

  /** Resilience4j rate limiter without permits, timeout 0: {@code RequestNotPermitted}. */
  @Benchmark
  public Object resilience4jLimited() {
    try {
      return r4jLimited.get();
    } catch (RequestNotPermitted e) {
      return e;
    }
  }

  /** Failsafe, open breaker through the executor: {@code CircuitBreakerOpenException}. */
  @Benchmark
  public Object failsafeOpen() {
    try {
      return failsafeOpen.get(checkedPlain);
    } catch (CircuitBreakerOpenException e) {
      return e;
    }
  }

  /** Failsafe bursty rate limiter without permits through the executor: {@code RateLimitExceededException}. */
  @Benchmark
  public Object failsafeLimited() {
    try {
      return failsafeLimited.get(checkedPlain);
    } catch (RateLimitExceededException e) {
      return e;
    }
  }

  /** SmallRye FT {@code TypedGuard}, open breaker: {@code CircuitBreakerOpenException}. */
  @Benchmark
  public Object smallRyeOpen() {
    try {
      return smallRyeOpen.get(plain);
    } catch (org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException e) {
      return e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** SmallRye FT {@code TypedGuard}, spent rate limit: {@code RateLimitException}. */
  @Benchmark
  public Object smallRyeLimited() {
    try {
      return smallRyeLimited.get(plain);
    } catch (RateLimitException e) {
      return e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
