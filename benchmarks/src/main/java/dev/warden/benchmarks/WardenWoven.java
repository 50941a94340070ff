package dev.warden.benchmarks;

import java.util.concurrent.TimeUnit;
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
 * Warden woven by the java agent: the forked JVM starts with {@code -javaagent} (see {@link
 * BuildPaths#AGENT_OPTION}) and calls the annotated {@link Service} methods as they are. The setup
 * fails the benchmark if the agent did not weave them, so an unguarded call is never reported.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = BuildPaths.AGENT_OPTION)
public class WardenWoven {

  private final Service service = new Service();

  /** Fails unless every guarded method of {@link Service} is guarded in this JVM. */
  @Setup
  public void requireWoven() {
    GuardCheck.requireGuarded(service, "the java agent (" + BuildPaths.AGENT_JAR + ")");
  }

  /** {@code @Breaker}, closed. */
  @Benchmark
  public String breaker() {
    return service.breaker();
  }

  /** {@code @Throttled}, admitting. */
  @Benchmark
  public String throttled() {
    return service.throttled();
  }

  /** {@code @CountCalls}. */
  @Benchmark
  public String counted() {
    return service.counted();
  }

  /** {@code @Bulkhead}, a slot always free. */
  @Benchmark
  public String bulkhead() {
    return service.bulkhead();
  }

  /** {@code @Timeout(millis = 1_000)}, interrupting, never firing. */
  @Benchmark
  public String timeout() {
    return service.timeout();
  }

  /** {@code @Timeout(millis = 1_000, interrupt = false)}, never firing. */
  @Benchmark
  public String timeoutWithoutInterrupt() {
    return service.timeoutWithoutInterrupt();
  }

  /** {@code @Retry(maxAttempts = 3)}, the first attempt succeeds. */
  @Benchmark
  public String retry() {
    return service.retry();
  }

  /** {@code @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)} around a body that fails once: one retry. */
  @Benchmark
  public String retryFailOnce(FailOnce failOnce) {
    failOnce.arm();
    return service.retryFailOnce(failOnce);
  }

  /** All three. */
  @Benchmark
  public String stacked() {
    return service.stacked();
  }
}
