package dev.warden.runtime;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state of one {@code @Timeout} guard: its configuration and how many calls timed out.
 *
 * <p>Thread-safe: counting is one {@link LongAdder} increment, and every method may be called
 * concurrently.
 *
 * <p>Example: read a timeout guard's count:
 *
 * <pre>{@code
 * Warden.timeout("com.acme.Prices#quote").ifPresent(t ->
 *     log.info(t.timeouts() + " quotes took over " + t.config().millis() + " ms"));
 * }</pre>
 */
public final class TimeoutStats implements Guard {

  private final String name;
  /** The configuration in force; replaced whole by {@link #reconfigure}. */
  private volatile TimeoutConfig config;
  private final LongAdder timeouts = new LongAdder();

  /**
   * A guard that has seen no timeout yet.
   *
   * @param name the guard's name
   * @param config its configuration
   */
  public TimeoutStats(String name, TimeoutConfig config) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** {@return the guard's name} */
  public String name() {
    return name;
  }

  /** {@return the guard's configuration: the one it was created with, or the latest {@link #reconfigure} set} */
  public TimeoutConfig config() {
    return config;
  }

  /**
   * Replaces the time limit for the calls that start afterwards; a running call keeps the limit
   * it started with.
   *
   * @param config the new configuration
   * @throws IllegalArgumentException if its {@code interrupt} differs from the current one: whether
   *     a call may be interrupted is a property of the method's code, fixed where it is declared
   */
  public void reconfigure(TimeoutConfig config) {
    Objects.requireNonNull(config, "config");
    if (config.interrupt() != this.config.interrupt()) {
      throw new IllegalArgumentException("Timeout guard '" + name + "': only millis can change, not interrupt ("
          + this.config.interrupt() + "); got " + config);
    }
    this.config = config;
  }

  /** {@return how many calls have timed out} */
  public long timeouts() {
    return timeouts.sum();
  }

  /** Counts one call that timed out. */
  public void recordTimeout() {
    timeouts.increment();
  }

  @Override
  public String toString() {
    return "TimeoutStats[" + name + ", " + config + ", timeouts=" + timeouts() + "]";
  }
}
