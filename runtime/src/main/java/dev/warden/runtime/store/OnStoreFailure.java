package dev.warden.runtime.store;

import dev.warden.runtime.ConfigurationException;
import java.util.Locale;

/**
 * What a shared limiter does with a call while its store fails ({@code
 * warden.<name>.onStoreFailure}, else {@code warden.onStoreFailure}; default {@link #LOCAL}).
 *
 * <p>Immutable.
 */
public enum OnStoreFailure {
  /** Admit by a bucket of this process with the guard's own rate and burst. */
  LOCAL,
  /** Admit every call. */
  ALLOW,
  /** Reject every call with a {@link dev.warden.runtime.ThrottledException}. */
  REJECT;

  /**
   * The policy a configuration value names, ignoring case and surrounding blanks.
   *
   * @param key the configuration key, for the message
   * @param value the value
   * @return the policy
   * @throws ConfigurationException naming the key and the value if it is none of {@code local},
   *     {@code allow}, {@code reject}
   */
  public static OnStoreFailure parse(String key, String value) {
    String word = value.trim().toUpperCase(Locale.ROOT);
    for (OnStoreFailure policy : values()) {
      if (policy.name().equals(word)) {
        return policy;
      }
    }
    throw new ConfigurationException(
        key, value, key + " must be one of local, allow, reject, got '" + value + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
