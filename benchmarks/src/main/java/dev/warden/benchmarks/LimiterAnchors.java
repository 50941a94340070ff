package dev.warden.benchmarks;

import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * The rate limiters users would pick instead of {@code @Throttled}, each at 10^9 permits per
 * second so that it never throttles, asked for one permit without waiting through its cheapest
 * non-blocking call. A refusal fails the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class LimiterAnchors {

  private static final int PER_SECOND = 1_000_000_000;

  private final Service service = new Service();

  private final com.google.common.util.concurrent.RateLimiter guava =
      com.google.common.util.concurrent.RateLimiter.create(PER_SECOND);

  private final io.github.resilience4j.ratelimiter.RateLimiter resilience4j =
      io.github.resilience4j.ratelimiter.RateLimiter.of(
          "bench",
          RateLimiterConfig.custom()
              .limitForPeriod(PER_SECOND)
              .limitRefreshPeriod(Duration.ofSeconds(1))
              .timeoutDuration(Duration.ZERO)
              .build());

  private final dev.failsafe.RateLimiter<Object> failsafe =
      dev.failsafe.RateLimiter.smoothBuilder(PER_SECOND, Duration.ofSeconds(1)).build();

  private final Bucket bucket4j =
      Bucket.builder()
          .addLimit(limit -> limit.capacity(PER_SECOND).refillGreedy(PER_SECOND, Duration.ofSeconds(1)))
          .build();

  /** Guava {@code RateLimiter.tryAcquire()}. */
  @Benchmark
  public String guava() {
    return admit(guava.tryAcquire());
  }

  /** Resilience4j {@code RateLimiter.acquirePermission()} with a zero timeout. */
  @Benchmark
  public String resilience4j() {
    return admit(resilience4j.acquirePermission());
  }

  /** Failsafe smooth {@code RateLimiter.tryAcquirePermit()}. */
  @Benchmark
  public String failsafe() {
    return admit(failsafe.tryAcquirePermit());
  }

  /** Bucket4j lock-free local bucket, {@code tryConsume(1)}. */
  @Benchmark
  public String bucket4j() {
    return admit(bucket4j.tryConsume(1));
  }

  /** The floor under every limiter here: one {@code System.nanoTime()} read. */
  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }

  private String admit(boolean admitted) {
    if (!admitted) {
      throw new IllegalStateException("rate limiter rejected");
    }
    return service.plain();
  }
}
