package dev.warden.benchmarks;

import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ThrottledException;
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
 * The rejections of {@link RejectionWarden}, on {@link RejectingService} woven by the java agent
 * (the forked JVM starts with {@code -javaagent}); the setup fails unless the methods reject.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = BuildPaths.AGENT_OPTION)
public class RejectionWoven {

  private final RejectingService service = new RejectingService();

  /** Opens the breakers and spends the token, then checks that the woven methods reject. */
  @Setup
  public void startRejecting() {
    RejectingService.startRejecting(service, "the java agent (" + BuildPaths.AGENT_JAR + ")");
  }

  /** Open breaker, no fallback: the exception is thrown and caught. */
  @Benchmark
  public Object open() {
    try {
      return service.open();
    } catch (CircuitOpenException e) {
      return e;
    }
  }

  /** Open breaker with a fallback without {@code Throwable}. */
  @Benchmark
  public Object openFallback() {
    return service.openWithFallback();
  }

  /** Spent token bucket, no fallback. */
  @Benchmark
  public Object throttled() {
    try {
      return service.throttled();
    } catch (ThrottledException e) {
      return e;
    }
  }
}
