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
  /** The configuration in force; replaced whole by {@link #reconfigure}. */
  private volatile RetryConfig config;
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

  /** {@return the guard's configuration: the one it was created with, or the latest {@link #reconfigure} set} */
  public RetryConfig config() {
    return config;
  }

  /**
   * Replaces the numbers: each later decision whether and when to retry reads them, so a running
   * call's next attempts follow them too (each decision reads one whole configuration).
   *
   * @param config the new configuration
   * @throws IllegalArgumentException if its {@code retryOn} or {@code abortOn} differ from the
   *     current ones: only the numbers can change
   */
  public void reconfigure(RetryConfig config) {
    Objects.requireNonNull(config, "config");
    RetryConfig current = this.config;
    if (!config.retryOn().equals(current.retryOn()) || !config.abortOn().equals(current.abortOn())) {
      throw new IllegalArgumentException("Retry guard '" + name + "': only the numbers can change, not retryOn "
          + current.retryOn() + " or abortOn " + current.abortOn() + "; got " + config);
    }
    this.config = config;
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
