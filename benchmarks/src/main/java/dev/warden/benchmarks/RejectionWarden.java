package dev.warden.benchmarks;

import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.site.GuardSite;
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
 * What a rejected call costs the caller in Warden, through {@link GuardSite} directly and through
 * the processor-generated {@code GuardedRejectingService}: an open breaker's {@link
 * CircuitOpenException} thrown and caught, the same breaker with a fallback that takes no {@code
 * Throwable}, and a spent token bucket's {@link ThrottledException}. The caught exception is
 * returned, as a caller that handles it would use it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class RejectionWarden {

  private static final Object[] NO_ARGUMENTS = {};
  private static final GuardSite OPEN = GuardSite.forMethod(RejectingService.class, "open");
  private static final GuardSite OPEN_WITH_FALLBACK = GuardSite.forMethod(RejectingService.class, "openWithFallback");
  private static final GuardSite THROTTLED = GuardSite.forMethod(RejectingService.class, "throttled");

  private final RejectingService service = new RejectingService();
  private final RejectingService generated = new GuardedRejectingService();

  /** Opens the breakers and spends the token, then checks that both paths reject. */
  @Setup
  public void startRejecting() {
    RejectingService.startRejecting(generated, "the processor-generated wrapper");
    try {
      call(OPEN);
      throw new IllegalStateException("the GuardSite path does not reject");
    } catch (CircuitOpenException expected) {
      // rejected
    }
  }

  /** Open breaker, no fallback, via GuardSite: the exception is thrown and caught. */
  @Benchmark
  public Object siteOpen() {
    try {
      return call(OPEN);
    } catch (CircuitOpenException e) {
      return e;
    }
  }

  /** Open breaker with a fallback without {@code Throwable}, via GuardSite. */
  @Benchmark
  public Object siteOpenFallback() {
    return call(OPEN_WITH_FALLBACK);
  }

  /** Spent token bucket, no fallback, via GuardSite. */
  @Benchmark
  public Object siteThrottled() {
    try {
      return call(THROTTLED);
    } catch (ThrottledException e) {
      return e;
    }
  }

  /** Open breaker, no fallback, processor-generated wrapper. */
  @Benchmark
  public Object generatedOpen() {
    try {
      return generated.open();
    } catch (CircuitOpenException e) {
      return e;
    }
  }

  /** Open breaker with a fallback without {@code Throwable}, processor-generated wrapper. */
  @Benchmark
  public Object generatedOpenFallback() {
    return generated.openWithFallback();
  }

  /** Spent token bucket, no fallback, processor-generated wrapper. */
  @Benchmark
  public Object generatedThrottled() {
    try {
      return generated.throttled();
    } catch (ThrottledException e) {
      return e;
    }
  }

  private String call(GuardSite site) {
    Object permit = site.enter();
    if (permit instanceof GuardRejectedException) {
      return (String) site.rejected(permit, service, NO_ARGUMENTS);
    }
    String result;
    try {
      result = service.open();
    } catch (Throwable t) {
      site.onFailure(permit, t);
      throw t;
    }
    return site.onReturn(permit, result);
  }
}
