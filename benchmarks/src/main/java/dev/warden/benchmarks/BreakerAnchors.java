package dev.warden.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.util.concurrent.TimeUnit;
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
 * The circuit breakers users would pick instead of {@code @Breaker}, closed, default
 * configuration, each guarding {@link Service#plain()} the way its documentation shows; the
 * decorated suppliers and executors are built once, as an application would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class BreakerAnchors {

  private final Service service = new Service();

  private final Supplier<String> resilience4j =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
          io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("bench"), service::plain);

  private final dev.failsafe.CircuitBreaker<String> failsafeBreaker =
      dev.failsafe.CircuitBreaker.ofDefaults();
  private final FailsafeExecutor<String> failsafe = Failsafe.with(failsafeBreaker);
  private final CheckedSupplier<String> checkedPlain = service::plain;
  private final Supplier<String> plain = service::plain;

  private final TypedGuard<String> smallRye =
      TypedGuard.create(String.class).withCircuitBreaker().done().build();

  /** Resilience4j {@code CircuitBreaker.decorateSupplier} (count-based sliding window of 100). */
  @Benchmark
  public String resilience4j() {
    return resilience4j.get();
  }

  /** Failsafe {@code Failsafe.with(circuitBreaker).get(supplier)}. */
  @Benchmark
  public String failsafe() {
    return failsafe.get(checkedPlain);
  }

  /** Failsafe's breaker used by hand: {@code tryAcquirePermit} and {@code recordSuccess}. */
  @Benchmark
  public String failsafePermit() {
    if (!failsafeBreaker.tryAcquirePermit()) {
      throw new IllegalStateException("breaker rejected");
    }
    String result = service.plain();
    failsafeBreaker.recordSuccess();
    return result;
  }

  /** SmallRye Fault Tolerance standalone {@code TypedGuard} with a circuit breaker. */
  @Benchmark
  public String smallRye() {
    return smallRye.get(plain);
  }
}
