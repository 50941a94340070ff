package dev.warden.runtime;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state of one {@code @Retry} guard: its configuration and what retrying did.
 *
 * <p>Thread-safe: counting is one {@link LongAdder} increment, and every method may be called
 * concurrently. A call that succeeds at its first attempt is not counted here (count it with
 * {@code @CountCalls}).
 *
 * <p>Example: how much retrying helps a partner lookup:
 *
 * <pre>{@code
 * Warden.retry("com.acme.Partner#offer").ifPresent(r ->
 *     log.info(r.retries() + " retries saved " + r.successesAfterRetry() + " calls; "
 *         + r.exhausted() + " failed with every attempt used"));
 * }</pre>
 */
public final class RetryStats implements Guard {

  private final String name;
  private final RetryConfig config;
  private final LongAdder retries = new LongAdder();
  private final LongAdder successesAfterRetry = new LongAdder();
  private final LongAdder exhausted = new LongAdder();

  /**
   * A guard that has retried nothing yet.
   *
   * @param name the guard's name
   * @param config its configuration
   */
  public RetryStats(String name, RetryConfig config) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** {@return the guard's name} */
  public String name() {
    return name;
  }

  /** {@return the guard's configuration} */
  public RetryConfig config() {
    return config;
  }

  /** {@return how many attempts after the first were started (one per retry)} */
  public long retries() {
    return retries.sum();
  }

  /** {@return how many calls succeeded at an attempt after the first} */
  public long successesAfterRetry() {
    return successesAfterRetry.sum();
  }

  /**
   * {@return how many calls failed with every attempt used: their last attempt failed with a
   * throwable that would have been retried had an attempt been left}
   */
  public long exhausted() {
    return exhausted.sum();
  }

  /** Counts one attempt after the first. */
  public void recordRetry() {
    retries.increment();
  }

  /** Counts one call that succeeded after a retry. */
  public void recordSuccessAfterRetry() {
    successesAfterRetry.increment();
  }

  /** Counts one call that failed with every attempt used. */
  public void recordExhausted() {
    exhausted.increment();
  }

  @Override
  public String toString() {
    return "RetryStats[" + name + ", " + config + ", retries=" + retries() + ", successesAfterRetry="
        + successesAfterRetry() + ", exhausted=" + exhausted() + "]";
  }
}
