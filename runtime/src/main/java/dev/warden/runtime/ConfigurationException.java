package dev.warden.runtime;

/**
 * A guard configuration value is invalid. The message names where the value came from (the
 * annotation attribute or the override key) and the value itself.
 *
 * <p>Immutable; safe to share between threads.
 */
public class ConfigurationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String attribute;
  private final String value;

  /**
   * @param attribute the attribute at fault, e.g. {@code burst}
   * @param value the bad value as text
   * @param message the full message
   */
  public ConfigurationException(String attribute, String value, String message) {
    super(message);
    this.attribute = attribute;
    this.value = value;
  }

  /** The attribute at fault, e.g. {@code callsPerSecond}. */
  public String attribute() {
    return attribute;
  }

  /** The rejected value, as text. */
  public String value() {
    return value;
  }

  static ConfigurationException invalid(String attribute, Object value, String rule) {
    return new ConfigurationException(
        attribute, String.valueOf(value), attribute + " must be " + rule + ", got " + value);
  }
}
