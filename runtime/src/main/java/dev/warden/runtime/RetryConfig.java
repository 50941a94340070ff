package dev.warden.runtime;

import java.util.List;
import java.util.Objects;

/**
 * Validated configuration of a retry with exponential backoff and jitter, as in {@code @Retry}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: up to 4 attempts, 200 ms before the second, then 400 and 800 ms (each ± 20 %, never
 * over 5 s), on I/O errors but not on a missing file:
 *
 * <pre>{@code
 * RetryConfig config = new RetryConfig(4, 200, 2.0, 5_000, 0.2,
 *     List.of(IOException.class), List.of(FileNotFoundException.class));
 * config.isRetried(new IOException("reset"));       // true
 * config.isRetried(new FileNotFoundException("x"));  // false
 * config.delayNanos(2, 0.5);                         // 400 ms: the delay before the third attempt, jitter at its middle
 * }</pre>
 *
 * @param maxAttempts attempts in total, the first included; {@code >= 1}
 * @param delayMillis delay before the second attempt; {@code >= 0}
 * @param multiplier factor from one delay to the next; {@code >= 1.0}
 * @param maxDelayMillis cap of one delay; {@code >= delayMillis} and at most {@link #LONGEST_DELAY_MILLIS}
 * @param jitter each delay is scaled by a uniform factor in {@code [1 - jitter, 1 + jitter]}; from 0 to 1
 * @param retryOn throwables (and subclasses) that are retried (see {@link #isRetried})
 * @param abortOn throwables (and subclasses) that are never retried; wins over {@code retryOn}
 */
public record RetryConfig(
    int maxAttempts,
    long delayMillis,
    double multiplier,
    long maxDelayMillis,
    double jitter,
    List<Class<? extends Throwable>> retryOn,
    List<Class<? extends Throwable>> abortOn) {

  /** The attribute names, as in the annotation and in override keys. */
  public static final List<String> ATTRIBUTES =
      List.of("maxAttempts", "delayMillis", "multiplier", "maxDelayMillis", "jitter", "retryOn", "abortOn");

  /** The longest valid delay: 2^62 ns (about 146 years) in whole milliseconds. */
  public static final long LONGEST_DELAY_MILLIS = (1L << 62) / 1_000_000L;

  /**
   * Checks every attribute and copies the lists.
   *
   * @param maxAttempts attempts in total, the first included; {@code >= 1}
   * @param delayMillis delay before the second attempt; {@code >= 0}
   * @param multiplier factor from one delay to the next; {@code >= 1.0}
   * @param maxDelayMillis cap of one delay; {@code >= delayMillis} and at most {@link #LONGEST_DELAY_MILLIS}
   * @param jitter relative randomness of a delay; from 0 to 1
   * @param retryOn throwables (and subclasses) that are retried
   * @param abortOn throwables (and subclasses) that are never retried
   * @throws ConfigurationException naming the first invalid attribute and its value
   * @throws NullPointerException if a list is {@code null} or holds {@code null}
   */
  public RetryConfig {
    if (maxAttempts < 1) {
      throw ConfigurationException.invalid("maxAttempts", maxAttempts, ">= 1");
    }
    if (delayMillis < 0) {
      throw ConfigurationException.invalid("delayMillis", delayMillis, ">= 0");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw ConfigurationException.invalid("multiplier", multiplier, ">= 1.0 and finite");
    }
    if (maxDelayMillis < delayMillis || maxDelayMillis > LONGEST_DELAY_MILLIS) {
      throw ConfigurationException.invalid("maxDelayMillis", maxDelayMillis,
          ">= delayMillis (" + delayMillis + ") and <= " + LONGEST_DELAY_MILLIS + " (2^62 ns, about 146 years)");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw ConfigurationException.invalid("jitter", jitter, "from 0 to 1");
    }
    retryOn = List.copyOf(Objects.requireNonNull(retryOn, "retryOn"));
    abortOn = List.copyOf(Objects.requireNonNull(abortOn, "abortOn"));
  }

  /**
   * {@return the annotation's defaults: 3 attempts, 1 s doubling up to 30 s, jitter 0.2, every
   * {@code Exception} retried}
   */
  public static RetryConfig defaults() {
    return new RetryConfig(3, 1000, 2.0, 30_000, 0.2, List.of(Exception.class), List.of());
  }

  /**
   * Whether a failed attempt that threw {@code failure} is retried: it matches {@code retryOn} and
   * not {@code abortOn}. Three kinds of throwable match only a {@code retryOn} type of their own
   * kind: an {@link Error} only an {@code Error} type, an inner guard's {@link
   * GuardRejectedException} only a rejection type, and an {@link InterruptedException} (the
   * attempt was told to stop) only {@code InterruptedException}; so neither {@code
   * Exception.class} nor {@code Throwable.class} retries an open circuit, an {@code
   * OutOfMemoryError} or an interrupted attempt.
   *
   * @param failure what an attempt threw
   * @return {@code true} if it is retried (while attempts remain)
   */
  public boolean isRetried(Throwable failure) {
    if (ThrowableTypes.anyMatches(abortOn, failure)) {
      return false;
    }
    for (int i = 0, n = retryOn.size(); i < n; i++) {
      Class<? extends Throwable> type = retryOn.get(i);
      if (type.isInstance(failure) && namesItsKind(type, failure)) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesItsKind(Class<? extends Throwable> type, Throwable failure) {
    if (failure instanceof GuardRejectedException) {
      return GuardRejectedException.class.isAssignableFrom(type);
    }
    if (failure instanceof InterruptedException) {
      return InterruptedException.class.isAssignableFrom(type);
    }
    return !(failure instanceof Error) || Error.class.isAssignableFrom(type);
  }

  /**
   * The delay before attempt {@code retry + 1}: {@code delayMillis × multiplier^(retry - 1)},
   * capped at {@code maxDelayMillis}, scaled by the jitter factor {@code 1 - jitter + 2 × jitter ×
   * uniform}, and capped again, so that no delay exceeds {@code maxDelayMillis}.
   *
   * @param retry {@code 1} for the delay before the second attempt, {@code 2} before the third, …
   * @param uniform a random number in {@code [0, 1)}: {@code 0.5} gives the delay without jitter
   * @return the delay in nanoseconds
   * @throws IllegalArgumentException if {@code retry < 1}
   */
  public long delayNanos(int retry, double uniform) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1: " + retry);
    }
    long cap = maxDelayMillis * 1_000_000L; // exact: at most 2^62, while a double rounds above 2^53
    double nominal = Math.min(cap, delayMillis * 1e6 * Math.pow(multiplier, retry - 1));
    double scaled = nominal * (1 - jitter + 2 * jitter * uniform);
    // the cast saturates; 0 ms times an infinite growth is NaN, which it makes 0
    return Math.min(cap, (long) scaled);
  }
}
