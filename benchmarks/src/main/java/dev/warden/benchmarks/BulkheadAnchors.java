package dev.warden.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The bulkheads users would pick instead of {@code @Bulkhead}, each with {@link #SLOTS} slots so
 * that it never rejects, no waiting, guarding {@link Service#plain()} the way its documentation
 * shows (decorated suppliers and executors built once), and the floor under any exact limit: one
 * shared {@link AtomicInteger} incremented and decremented around the call. A refusal fails the
 * benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class BulkheadAnchors {

  /** Slots of every bulkhead measured, Warden's included: far more than the benchmark threads. */
  static final int SLOTS = 1_000;

  private final Service service = new Service();
  private final AtomicInteger inFlight = new AtomicInteger();

  private final Supplier<String> resilience4j =
      Bulkhead.decorateSupplier(
          Bulkhead.of("bench", BulkheadConfig.custom().maxConcurrentCalls(SLOTS).maxWaitDuration(Duration.ZERO).build()),
          service::plain);

  private final dev.failsafe.Bulkhead<String> failsafeBulkhead = dev.failsafe.Bulkhead.of(SLOTS);
  private final FailsafeExecutor<String> failsafe = Failsafe.with(failsafeBulkhead);
  private final CheckedSupplier<String> checkedPlain = service::plain;
  private final Supplier<String> plain = service::plain;

  private final TypedGuard<String> smallRye =
      TypedGuard.create(String.class).withBulkhead().limit(SLOTS).done().build();

  /**
   * The floor of an exact limit: a compare-and-set increment before the call and a decrement
   * after, on one shared word (no check against the limit, which costs a compare more).
   */
  @Benchmark
  public String casFloor() {
    inFlight.incrementAndGet();
    String result = service.plain();
    inFlight.decrementAndGet();
    return result;
  }

  /** Resilience4j {@code SemaphoreBulkhead} through {@code Bulkhead.decorateSupplier} (no wait). */
  @Benchmark
  public String resilience4j() {
    return resilience4j.get();
  }

  /** Failsafe {@code Failsafe.with(bulkhead).get(supplier)}. */
  @Benchmark
  public String failsafe() {
    return failsafe.get(checkedPlain);
  }

  /** Failsafe's bulkhead used by hand: {@code tryAcquirePermit} and {@code releasePermit}. */
  @Benchmark
  public String failsafePermit() {
    if (!failsafeBulkhead.tryAcquirePermit()) {
      throw new IllegalStateException("bulkhead rejected");
    }
    try {
      return service.plain();
    } finally {
      failsafeBulkhead.releasePermit();
    }
  }

  /** SmallRye Fault Tolerance standalone {@code TypedGuard} with a bulkhead (synchronous, no queue). */
  @Benchmark
  public String smallRye() {
    return smallRye.get(plain);
  }
}
