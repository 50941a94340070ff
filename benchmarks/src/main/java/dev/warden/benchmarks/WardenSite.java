package dev.warden.benchmarks;

import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.site.GuardSite;
import java.util.concurrent.CompletableFuture;
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
 * Warden through {@link GuardSite} directly, following the protocol that generated and woven code
 * both follow ({@code enter}, body, {@code onReturn}/{@code onFailure}; for {@code @Retry} the loop
 * that ends each attempt with {@code retry} or {@code returned}), with each site in a
 * static final field as in generated code; plus the unguarded direct call as the floor.
 *
 * <p>The state is shared by all benchmark threads, as a guard is shared by all callers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class WardenSite {

  private static final Object[] NO_ARGUMENTS = {};
  private static final GuardSite BREAKER = GuardSite.forMethod(Service.class, "breaker");
  private static final GuardSite THROTTLED = GuardSite.forMethod(Service.class, "throttled");
  private static final GuardSite COUNTED = GuardSite.forMethod(Service.class, "counted");
  private static final GuardSite BULKHEAD = GuardSite.forMethod(Service.class, "bulkhead");
  private static final GuardSite TIMEOUT = GuardSite.forMethod(Service.class, "timeout");
  private static final GuardSite TIMEOUT_WITHOUT_INTERRUPT =
      GuardSite.forMethod(Service.class, "timeoutWithoutInterrupt");
  private static final GuardSite TIMEOUT_ASYNC =
      GuardSite.forMethod(Service.class, "timeoutAsync", CompletableFuture.class);
  private static final GuardSite STACKED = GuardSite.forMethod(Service.class, "stacked");
  private static final GuardSite RETRY = GuardSite.forMethod(Service.class, "retry");
  private static final GuardSite RETRY_FAIL_ONCE =
      GuardSite.forMethod(Service.class, "retryFailOnce", FailOnce.class);

  private final Service service = new Service();

  /** The method without any guard. */
  @Benchmark
  public String direct() {
    return service.plain();
  }

  /** {@code @Breaker}, closed. */
  @Benchmark
  public String breaker() {
    return call(BREAKER, service);
  }

  /** {@code @Throttled}, admitting. */
  @Benchmark
  public String throttled() {
    return call(THROTTLED, service);
  }

  /** {@code @CountCalls}. */
  @Benchmark
  public String counted() {
    return call(COUNTED, service);
  }

  /** {@code @Bulkhead}, a slot always free. */
  @Benchmark
  public String bulkhead() {
    return call(BULKHEAD, service);
  }

  /** {@code @Timeout(millis = 1_000)}, interrupting, never firing. */
  @Benchmark
  public String timeout() {
    return call(TIMEOUT, service);
  }

  /** {@code @Timeout(millis = 1_000, interrupt = false)}, never firing. */
  @Benchmark
  public String timeoutWithoutInterrupt() {
    return call(TIMEOUT_WITHOUT_INTERRUPT, service);
  }

  /**
   * {@code @Timeout(millis = 1_000)} on a method returning a stage that is not complete when
   * returned and is completed right after (the counterpart of {@code
   * TimeoutAnchors.resilience4jTimeLimiterAsync}).
   */
  @Benchmark
  @SuppressWarnings("unchecked")
  public String timeoutAsync() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    Object permit = TIMEOUT_ASYNC.enter();
    if (permit instanceof GuardRejectedException) {
      throw new IllegalStateException("rejected");
    }
    CompletableFuture<String> relayed = TIMEOUT_ASYNC.onReturn(permit, service.timeoutAsync(stage));
    stage.complete(service.plain());
    return relayed.join();
  }

  /** All three. */
  @Benchmark
  public String stacked() {
    return call(STACKED, service);
  }

  /** {@code @Retry(maxAttempts = 3)}, the first attempt succeeds. */
  @Benchmark
  public String retry() {
    Object permit = RETRY.enter();
    while (true) {
      if (permit instanceof GuardRejectedException) {
        return (String) RETRY.rejected(permit, service, NO_ARGUMENTS);
      }
      String result;
      try {
        result = service.plain();
      } catch (Throwable failure) {
        permit = RETRY.retry(permit, failure);
        continue;
      }
      permit = RETRY.returned(permit);
      if (permit == null) {
        return result;
      }
    }
  }

  /** {@code @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)} around a body that fails once: one retry. */
  @Benchmark
  public String retryFailOnce(FailOnce failOnce) {
    failOnce.arm();
    Object permit = RETRY_FAIL_ONCE.enter();
    while (true) {
      if (permit instanceof GuardRejectedException) {
        return (String) RETRY_FAIL_ONCE.rejected(permit, service, new Object[] {failOnce});
      }
      String result;
      try {
        result = service.failOnce(failOnce);
      } catch (Throwable failure) {
        permit = RETRY_FAIL_ONCE.retry(permit, failure);
        continue;
      }
      permit = RETRY_FAIL_ONCE.returned(permit);
      if (permit == null) {
        return result;
      }
    }
  }

  /** One call of {@link Service#plain()} through {@code site}, as generated code makes it. */
  static String call(GuardSite site, Service service) {
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
