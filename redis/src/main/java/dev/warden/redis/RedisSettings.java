package dev.warden.redis;

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
 */
record RedisSettings(RedisAddress address, long timeoutMillis, long connectTimeoutMillis) {

  static final long DEFAULT_TIMEOUT_MILLIS = 50;
  static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;

  /** The settings a Redis store reads. */
  static final Set<String> NAMES = Set.of("uri", "timeoutMillis", "connectTimeoutMillis");

  /**
   * Reads and checks the settings.
   *
   * @param settings the store's settings
   * @return the checked settings
   * @throws dev.warden.runtime.ConfigurationException naming the key and the (masked) value of the
   *     first missing or invalid setting
   */
  static RedisSettings from(StoreSettings settings) {
    settings.requireKnown(NAMES);
    String uri = settings.require("uri");
    StoreSettings.Setting setting = settings.get("uri");
    return new RedisSettings(
        RedisAddress.parse(setting.key(), uri, setting.source()),
        settings.millis("timeoutMillis", DEFAULT_TIMEOUT_MILLIS),
        settings.millis("connectTimeoutMillis", DEFAULT_CONNECT_TIMEOUT_MILLIS));
  }
}
