package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.store.StoreSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code warden.redis.*} settings: every bad value is refused at open, naming key and (masked) value. */
class ConfigurationTest {

  @AfterAll
  static void closeStores() {
    RedisStores.closeAll();
  }

  @Test
  void theProviderIsNamedRedis() {
    assertEquals("redis", new RedisStoreProvider().name());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://localhost:6379", "localhost:6379", "redis://", "redis://localhost:0",
      "redis://localhost:65536", "redis://localhost:99999", "redis://localhost:abc",
      "redis://localhost:-1", "redis://localhost:6379/abc", "redis://localhost:6379?timeout=5s",
      "redis://local host:6379", "redis-sentinel://localhost:26379#primary", "redis://localhost:6379/1/2"})
  void aBadUriIsAConfigurationExceptionNamingKeyAndValue(String uri) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Connected.open(uri));
    assertEquals("warden.redis.uri", e.attribute());
    assertEquals(uri, e.value());
    assertTrue(e.getMessage().startsWith("warden.redis.uri must be redis://"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + uri + "' (settings)"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "redis://:s3cr3t-pw@localhost:abc", "redis://admin:s3cr3t-pw@localhost:0",
      "redis://s3cr3t-pw@localhost:6379?x=y", "http://:s3cr3t-pw@localhost:6379",
      "redis://:s3cr3t/pw@local host", "s3cr3t-pw@localhost:6379"})
  void aBadUriWithAPasswordIsShownMasked(String uri) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Connected.open(uri));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertFalse(e.value().contains("s3cr3t"), e.value());
    assertTrue(e.getMessage().contains("****@"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://localhost:6379|redis://localhost:6379",
      "redis://:pw@localhost:6379/2|redis://:****@localhost:6379/2",
      "redis://user:pw@localhost|redis://user:****@localhost",
      "redis://pw@localhost|redis://****@localhost",
      "rediss://user:p@ss:w@rd@host:1|rediss://user:****@host:1",
      "user:pw@host|user:****@host",
      "no password here|no password here"})
  void masking(String uri, String masked) {
    assertEquals(masked, RedisAddress.mask(uri));
  }

  @Test
  void aValidUriWithAPasswordIsDescribedMasked() {
    assertEquals("redis://app:****@127.0.0.1:1/3",
        Connected.open("redis://app:s3cr3t-pw@127.0.0.1:1/3").describe());
    assertEquals("rediss://127.0.0.1:1", Connected.open("  rediss://127.0.0.1:1 ").describe());
  }

  @Test
  void aMissingOrBlankUriNamesTheKey() {
    ConfigurationException missing = assertThrows(ConfigurationException.class,
        () -> new RedisStoreProvider().open(StoreSettings.of("redis", Map.of())));
    assertEquals("warden.redis.uri", missing.attribute());
    ConfigurationException blank = assertThrows(ConfigurationException.class,
        () -> new RedisStoreProvider().open(StoreSettings.of("redis", Map.of("uri", " "))));
    assertEquals("warden.redis.uri", blank.attribute());
  }

  @ParameterizedTest
  @CsvSource({"timeoutMillis, 0", "timeoutMillis, fifty", "connectTimeoutMillis, -5"})
  void aBadTimeoutNamesKeyAndValue(String name, String value) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Connected.open("redis://127.0.0.1:1", name, value));
    assertEquals("warden.redis." + name, e.attribute());
    assertEquals(value, e.value());
  }
}
