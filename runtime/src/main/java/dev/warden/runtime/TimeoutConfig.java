package dev.warden.runtime;

import java.util.List;

/**
 * Validated configuration of a call timeout, as in {@code @Timeout}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: the configuration of {@code @Timeout(millis = 800, interrupt = false)}:
 *
 * <pre>{@code
 * TimeoutConfig config = new TimeoutConfig(800, false);
 * }</pre>
 *
 * @param millis how long one call may run; {@code >= 1} and at most {@link #LONGEST_MILLIS}
 * @param interrupt whether the thread running the call is interrupted at the deadline
 */
public record TimeoutConfig(long millis, boolean interrupt) {

  /** The attribute names, as in the annotation and in override keys. */
  public static final List<String> ATTRIBUTES = List.of("millis", "interrupt");

  /** The longest valid timeout: 2^62 ns (about 146 years) in whole milliseconds. */
  public static final long LONGEST_MILLIS = (1L << 62) / 1_000_000L;

  /**
   * Checks every attribute.
   *
   * @param millis how long one call may run; {@code >= 1} and at most {@link #LONGEST_MILLIS}
   * @param interrupt whether the thread running the call is interrupted at the deadline
   * @throws ConfigurationException naming {@code millis} and its value if it is out of range
   */
  public TimeoutConfig {
    if (millis < 1 || millis > LONGEST_MILLIS) {
      throw ConfigurationException.invalid(
          "millis", millis, ">= 1 and <= " + LONGEST_MILLIS + " (2^62 ns, about 146 years)");
    }
  }

  /** {@return the time limit in nanoseconds} */
  public long nanos() {
    return millis * 1_000_000L;
  }
}
