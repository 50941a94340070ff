package dev.warden.redis;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.store.StoreSettings;
import java.util.Set;

/**
 * The settings of one Redis store; stores with equal settings are one store.
 *
 * <p>Immutable.
 *
 * @param address {@code warden.redis.uri}
 * @param timeoutMillis {@code warden.redis.timeoutMillis}: the longest a call waits for Redis
 * @param connectTimeoutMillis {@code warden.redis.connectTimeoutMillis}: the longest the first
 *     connection (made in the background) may take
 * @param lease {@code warden.redis.lease}: the most permits a bucket takes in one round trip and
 *     holds in the process; 1 (the default) takes each permit in a round trip of its own
 */
record RedisSettings(RedisAddress address, long timeoutMillis, long connectTimeoutMillis, long lease) {

  static final long DEFAULT_TIMEOUT_MILLIS = 50;
  static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;

  /** The settings a Redis store reads. */
  static final Set<String> NAMES = Set.of("uri", "timeoutMillis", "connectTimeoutMillis", "lease");

  /**
   * Reads and checks the settings.
   *
   * @param settings the store's settings
   * @return the checked settings
   * @throws ConfigurationException naming the key and the (masked) value of the first missing or
   *     invalid setting
   */
  static RedisSettings from(StoreSettings settings) {
    settings.requireKnown(NAMES);
    String uri = settings.require("uri");
    StoreSettings.Setting setting = settings.get("uri");
    return new RedisSettings(
        RedisAddress.parse(setting.key(), uri, setting.source()),
        settings.millis("timeoutMillis", DEFAULT_TIMEOUT_MILLIS),
        settings.millis("connectTimeoutMillis", DEFAULT_CONNECT_TIMEOUT_MILLIS),
        lease(settings.get("lease")));
  }

  private static long lease(StoreSettings.Setting setting) {
    if (setting == null) {
      return 1;
    }
    long value;
    try {
      value = Long.parseLong(setting.value().trim());
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value < 1 || value > GcraScript.MAX_LEASE) {
      throw new ConfigurationException(setting.key(), setting.value(), setting.key()
          + " must be a whole number of permits from 1 to " + GcraScript.MAX_LEASE + ", got '"
          + setting.value() + "' (" + setting.source() + ")");
    }
    return value;
  }
}
