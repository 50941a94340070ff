package dev.warden.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What counting a call costs elsewhere: a Micrometer counter and a bare {@link LongAdder}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class CounterAnchors {

  private final Service service = new Service();
  private final Counter micrometer = new SimpleMeterRegistry().counter("bench.calls");
  private final LongAdder adder = new LongAdder();

  /** Micrometer {@code Counter.increment()} from a {@code SimpleMeterRegistry}. */
  @Benchmark
  public String micrometer() {
    micrometer.increment();
    return service.plain();
  }

  /** {@code LongAdder.increment()}. */
  @Benchmark
  public String longAdder() {
    adder.increment();
    return service.plain();
  }
}
