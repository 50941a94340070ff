package dev.warden.benchmarks;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import java.util.concurrent.CompletableFuture;

/**
 * The trivial method every benchmark guards: it returns a field. One copy per guard combination,
 * each configured never to reject, so that a benchmark measures the cost of admitting a call.
 *
 * <p>The same class is wrapped by the processor ({@code GuardedService}), woven by the agent (in
 * a forked JVM started with {@code -javaagent}) and guarded through {@code GuardSite} directly.
 *
 * <p>Thread-safe: the methods only read a final field (and change the caller's own {@link FailOnce}).
 */
public class Service {

  /**
   * 10^12 calls per second is one permit per nanosecond: more than a thread can ask for, so the
   * bucket never runs dry, yet every call still takes a permit.
   */
  static final double NEVER_THROTTLING_RATE = 1e12;

  /**
   * The largest bucket: at one permit per nanosecond it holds 2.1 s of permits, so that no
   * scheduling of the benchmark threads on busy cores can find it empty. (With 1,000 tokens, 1 µs,
   * a runtime that read the clock before the arrival time did refuse descheduled threads.)
   */
  static final int BURST = Integer.MAX_VALUE;

  private final String reply = "ok";

  /** Creates the service. */
  public Service() {}

  /** The unguarded method. */
  public String plain() {
    return reply;
  }

  /** The method under a closed circuit breaker. */
  @Breaker
  public String breaker() {
    return reply;
  }

  /** The method under a token bucket that always has a token. */
  @Throttled(callsPerSecond = NEVER_THROTTLING_RATE, burst = BURST, maxWaitMillis = 0)
  public String throttled() {
    return reply;
  }

  /** The method under call statistics. */
  @CountCalls
  public String counted() {
    return reply;
  }

  /** {@code @CountCalls(latency = true)}: the counters, two clock readings and the histograms. */
  @CountCalls(latency = true)
  public String countedWithLatency() {
    return reply;
  }

  /** The method under a bulkhead with far more slots than benchmark threads. */
  @Bulkhead(maxConcurrent = BulkheadAnchors.SLOTS)
  public String bulkhead() {
    return reply;
  }

  /** The method under a one-second timeout that interrupts (it never fires). */
  @Timeout(millis = 1_000)
  public String timeout() {
    return reply;
  }

  /** The method under a one-second timeout that does not interrupt (it never fires). */
  @Timeout(millis = 1_000, interrupt = false)
  public String timeoutWithoutInterrupt() {
    return reply;
  }

  /**
   * The method under a one-second timeout, returning a stage (the benchmark completes it right
   * after the call, as {@code TimeoutAnchors} does for Resilience4j's {@code TimeLimiter}).
   *
   * @param stage the stage to return
   * @return {@code stage}
   */
  @Timeout(millis = 1_000)
  public CompletableFuture<String> timeoutAsync(CompletableFuture<String> stage) {
    return stage;
  }

  /**
   * The unguarded method that fails once: the body of the retry anchors' second case.
   *
   * @param failOnce throws on its first attempt after being armed
   * @return the reply, on any attempt but an armed one
   */
  public String failOnce(FailOnce failOnce) {
    failOnce.attempt();
    return reply;
  }

  /** The method under a retry with {@code @Retry}'s defaults (first delay 1 s); its first attempt succeeds. */
  @Retry(maxAttempts = RetryAnchors.MAX_ATTEMPTS)
  public String retry() {
    return reply;
  }

  /**
   * The method under a retry without delay or jitter, around a body that fails once (when the
   * caller armed {@code failOnce}): one retry, then success.
   *
   * @param failOnce throws on its first attempt after being armed
   * @return the reply
   */
  @Retry(maxAttempts = RetryAnchors.MAX_ATTEMPTS, delayMillis = 0, jitter = 0)
  public String retryFailOnce(FailOnce failOnce) {
    failOnce.attempt();
    return reply;
  }

  /** The method under all three guards. */
  @CountCalls
  @Breaker
  @Throttled(callsPerSecond = NEVER_THROTTLING_RATE, burst = BURST, maxWaitMillis = 0)
  public String stacked() {
    return reply;
  }
}
