package dev.warden.benchmarks;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
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
 * Warden's primitives called by hand, without a site: what each guard costs by itself, to tell
 * the primitive's cost from the site's. Configured as the {@link Service} annotations; the
 * bulkhead as its anchors in {@link BulkheadAnchors}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class WardenPrimitives {

  private final Service service = new Service();
  private final CircuitBreaker breaker =
      CircuitBreaker.create("primitive.breaker", CircuitBreakerConfig.defaults());
  private final RateLimiter limiter =
      RateLimiter.create(
          "primitive.limiter",
          new RateLimiterConfig(Service.NEVER_THROTTLING_RATE, Service.BURST, 0));
  private final CallStats stats = new CallStats("primitive.stats");
  private final ConcurrencyLimiter bulkhead =
      ConcurrencyLimiter.create("primitive.bulkhead", new ConcurrencyLimiterConfig(BulkheadAnchors.SLOTS, 0));

  /** {@code CircuitBreaker.tryAcquirePermit} and {@code onSuccess}. */
  @Benchmark
  public String breaker() {
    CircuitBreaker.Permit permit = breaker.tryAcquirePermit();
    if (permit == null) {
      throw new IllegalStateException("breaker rejected");
    }
    String result = service.plain();
    breaker.onSuccess(permit);
    return result;
  }

  /** {@code RateLimiter.tryAcquire}. */
  @Benchmark
  public String limiter() {
    if (!limiter.tryAcquire()) {
      throw new IllegalStateException("limiter rejected");
    }
    return service.plain();
  }

  /** {@code CallStats.recordCall} and {@code recordSuccess}. */
  @Benchmark
  public String stats() {
    stats.recordCall();
    String result = service.plain();
    stats.recordSuccess();
    return result;
  }

  /** {@code ConcurrencyLimiter.tryAcquire} and {@code release}. */
  @Benchmark
  public String bulkhead() {
    if (!bulkhead.tryAcquire()) {
      throw new IllegalStateException("bulkhead rejected");
    }
    try {
      return service.plain();
    } finally {
      bulkhead.release();
    }
  }
}
