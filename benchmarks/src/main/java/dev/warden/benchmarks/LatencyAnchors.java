package dev.warden.benchmarks;

import dev.warden.annotations.CountCalls;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.GuardRejectedException;
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

  private static final Object[] NO_ARGUMENTS = {};
  private static final GuardSite OFF = GuardSite.forMethod(Timed.class, "off");
  private static final GuardSite ON = GuardSite.forMethod(Timed.class, "on");

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

  private final Timed service = new Timed();

  /** The trivial method, counted with and without latency. */
  public static class Timed {
    private final String reply = "ok";

    /** Creates the service. */
    public Timed() {}

    /** The body both guarded calls run. */
    public String plain() {
      return reply;
    }

    /** Counted, without latency. */
    @CountCalls(name = "bench.latency.off")
    public String off() {
      return reply;
    }

    /** Counted, with latency. */
    @CountCalls(name = "bench.latency.on", latency = true)
    public String on() {
      return reply;
    }
  }

  /** {@code @CountCalls}: the counters only. */
  @Benchmark
  public String latencyOff() {
    return call(OFF);
  }

  /** {@code @CountCalls(latency = true)}: the counters, two clock readings and the histograms. */
  @Benchmark
  public String latencyOn() {
    return call(ON);
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

  private String call(GuardSite site) {
    Object permit = site.enter();
    if (permit instanceof GuardRejectedException) {
      return (String) site.rejected(permit, service, NO_ARGUMENTS);
    }
    String result;
    try {
      result = service.plain();
    } catch (Throwable t) {
      site.onFailure(permit, t);
      throw t;
    }
    return site.onReturn(permit, result);
  }
}
