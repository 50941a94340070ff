package dev.warden.benchmarks;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.site.GuardSite;
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
 * What measuring latency adds to {@code @CountCalls}: the same trivial method counted without and
 * with {@code latency = true}, through {@link GuardSite} as generated code calls it, and the bare
 * cost of the two {@link System#nanoTime()} readings latency takes. The budget checked: {@code
 * latencyOn − latencyOff ≤ twoClockReads + 15 ns}. {@code statsOff} and {@code statsOnFreeClock}
 * isolate the recording: {@link CallStats} alone, with latency on a clock that costs nothing.
 *
 * <p>The state is shared by all benchmark threads, as a guard is shared by all callers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class LatencyAnchors {

  private static final GuardSite OFF = GuardSite.forMethod(Service.class, "counted");
  private static final GuardSite ON = GuardSite.forMethod(Service.class, "countedWithLatency");

  private static final TimeSource FREE_CLOCK = new TimeSource() {
    @Override
    public long nanoTime() {
      return 0;
    }

    @Override
    public void parkNanos(long nanos) {
      throw new UnsupportedOperationException();
    }
  };
  private static final CallStats STATS_OFF = new CallStats("bench.latency.stats.off");
  private static final CallStats STATS_ON = CallStats.withLatency("bench.latency.stats.on", FREE_CLOCK);

  private final Service service = new Service();

  /** {@code @CountCalls}: the counters only. */
  @Benchmark
  public String latencyOff() {
    return WardenSite.call(OFF, service);
  }

  /** {@code @CountCalls(latency = true)}: the counters, two clock readings and the histograms. */
  @Benchmark
  public String latencyOn() {
    return WardenSite.call(ON, service);
  }

  /** Two {@link System#nanoTime()} readings, as a measured call takes. */
  @Benchmark
  public long twoClockReads() {
    long start = System.nanoTime();
    return System.nanoTime() - start;
  }

  /** {@link CallStats} by hand, without latency. */
  @Benchmark
  public void statsOff() {
    STATS_OFF.recordCall();
    STATS_OFF.recordSuccess(STATS_OFF.startNanos());
  }

  /** {@link CallStats} by hand, with latency on a clock that costs nothing: the recording alone. */
  @Benchmark
  public void statsOnFreeClock() {
    STATS_ON.recordCall();
    STATS_ON.recordSuccess(STATS_ON.startNanos());
  }

}
