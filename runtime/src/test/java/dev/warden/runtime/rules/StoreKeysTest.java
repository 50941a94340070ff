package dev.warden.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store keys in the overrides: {@code store} and {@code onStoreFailure} belong to a throttle's
 * name, and a store's settings {@code warden.<store>.*} are never a guard's unknown attributes.
 */
class StoreKeysTest {

  private static final String WHERE = "com.acme.Api#m";

  private final List<String> properties = new ArrayList<>();

  private void set(String key, String value) {
    System.setProperty(key, value);
    properties.add(key);
  }

  @AfterEach
  void clearProperties() {
    properties.forEach(System::clearProperty);
  }

  @Test
  void aThrottlesStoreKeysAreKnownAndUsed() {
    set("warden.rules.store.t.store", "redis");
    set("warden.rules.store.t.onStoreFailure", "allow");
    Overrides overrides = Overrides.read(null);
    overrides.rejectUnknownAttributes("rules.store.t");
    assertEquals(List.of(), overrides.ineffective("rules.store.t", Set.of(GuardKind.THROTTLED), WHERE));
  }

  @Test
  void storeKeysOfANameWithoutAThrottleAreReportedAsIneffective() {
    set("warden.rules.store.b.store", "redis");
    set("warden.rules.store.b.onStoreFailure", "allow");
    assertEquals(List.of(
        "Warden override warden.rules.store.b.onStoreFailure=allow has no effect on " + WHERE
            + ": it declares no @Throttled guard named 'rules.store.b'",
        "Warden override warden.rules.store.b.store=redis has no effect on " + WHERE
            + ": it declares no @Throttled guard named 'rules.store.b'"),
        Overrides.read(null).ineffective("rules.store.b", Set.of(GuardKind.BREAKER), WHERE));
  }

  @Test
  void aMisspelledKeyListsTheStoreKeys() {
    set("warden.rules.store.u.stores", "redis");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Overrides.read(null).rejectUnknownAttributes("rules.store.u"));
    assertTrue(e.getMessage().startsWith("Invalid Warden override warden.rules.store.u.stores=redis (system property):"
        + " unknown attribute 'stores'; known: ["), e.getMessage());
    assertTrue(e.getMessage().contains(", onStoreFailure, "), e.getMessage());
    assertTrue(e.getMessage().contains(", store]"), e.getMessage());
  }

  /** A guard named like the store: the store's settings are not its attributes; its attributes still apply. */
  @Test
  void aGuardNamedRedisAcceptsRedisSettingsAndItsOwnAttributes() {
    set("warden.redis.uri", "redis://cache:6379");
    set("warden.redis.timeoutMillis", "20");
    set("warden.redis.burst", "4");
    Overrides overrides = Overrides.read(null);
    overrides.rejectUnknownAttributes("redis");
    GuardDeclaration throttled = new GuardDeclaration(GuardKind.THROTTLED, WHERE,
        Map.of("callsPerSecond", 1.0, "burst", 1, "maxWaitMillis", 0L, "name", "redis"));
    assertEquals(4, overrides.apply(throttled, "redis").value("burst"));
  }

  @Test
  void aGuardNamedLikeAConfiguredStoreAcceptsItsSettings() {
    set("warden.rules.cache.uri", "memcached://cache");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Overrides.read(null).rejectUnknownAttributes("rules.cache"));
    assertTrue(e.getMessage().contains("unknown attribute 'uri'"), e.getMessage());
    set("warden.rules.other.store", " rules.cache ");
    Overrides.read(null).rejectUnknownAttributes("rules.cache");
  }

  @Test
  void aStoresSettingNamesLeaveOutGuardAttributesAndOtherGuardsKeys() {
    set("warden.settingsstore.uri", "redis://h:1");
    set("warden.settingsstore.timeoutMilis", "500");
    set("warden.settingsstore.burst", "3"); // of a guard named like the store
    set("warden.settingsstore.store", "local");
    set("warden.settingsstore.sub.timeoutMillis", "1"); // of a guard named "settingsstore.sub"
    assertEquals(Set.of("timeoutMilis", "uri"), Overrides.read(null).storeSettingNames("settingsstore"));
  }

  @Test
  void anUnknownSettingNameIsRefusedWithoutShowingItsValue() {
    dev.warden.runtime.store.StoreSettings settings = dev.warden.runtime.store.StoreSettings.of(
        "kv", Map.of("uri", "kv://h", "ur", "kv://:secret@h"));
    assertEquals(Set.of("ur", "uri"), settings.names());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> settings.requireKnown(Set.of("uri", "timeoutMillis")));
    assertEquals("warden.kv.ur", e.attribute());
    assertEquals("****", e.value());
    assertEquals("Unknown Warden setting warden.kv.ur (settings): store 'kv' reads only warden.kv.timeoutMillis,"
        + " warden.kv.uri", e.getMessage());
    settings.requireKnown(Set.of("uri", "ur"));
  }
}
