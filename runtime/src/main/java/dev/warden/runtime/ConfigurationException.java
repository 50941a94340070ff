package dev.warden.runtime;

/**
 * A guard configuration value is invalid. The message names where the value came from (the
 * annotation attribute or the override key) and the value itself.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: a bad value is reported with the attribute at fault:
 *
 * <pre>{@code
 * try {
 *   new RateLimiterConfig(50, 0, 100);
 * } catch (ConfigurationException e) {
 *   e.attribute();   // "burst"
 *   e.value();       // "0"
 *   e.getMessage();  // "burst must be >= 1, got 0"
 * }
 * }</pre>
 */
public class ConfigurationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The attribute at fault. */
  private final String attribute;
  /** The rejected value, as text. */
  private final String value;

  /**
   * An invalid configuration value.
   *
   * @param attribute the attribute at fault, e.g. {@code burst}
   * @param value the bad value as text
   * @param message the full message
   */
  public ConfigurationException(String attribute, String value, String message) {
    super(message);
    this.attribute = attribute;
    this.value = value;
  }

  /** {@return the attribute at fault, e.g. {@code callsPerSecond}} */
  public String attribute() {
    return attribute;
  }

  /** {@return the rejected value, as text} */
  public String value() {
    return value;
  }

  static ConfigurationException invalid(String attribute, Object value, String rule) {
    return new ConfigurationException(
        attribute, String.valueOf(value), attribute + " must be " + rule + ", got " + value);
  }
}
