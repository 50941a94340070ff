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
  private final TimeoutConfig config;
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

  /** {@return the guard's configuration} */
  public TimeoutConfig config() {
    return config;
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
