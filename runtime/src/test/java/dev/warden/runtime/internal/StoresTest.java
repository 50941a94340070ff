package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.rules.Overrides;
import dev.warden.runtime.store.FakeBucket;
import dev.warden.runtime.store.FakeStores;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.ProviderLoader;
import dev.warden.runtime.store.StoreBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A throttle's store and policy from the configuration: the keys and their precedence, the
 * providers {@link java.util.ServiceLoader} finds through the method's loader, and every error.
 */
class StoresTest {

  private static final RateLimiterConfig CONFIG = new RateLimiterConfig(10, 2, 0);

  private final List<String> properties = new ArrayList<>();
  private final ProviderLoader withFake = new ProviderLoader(null);

  private void set(String key, String value) {
    System.setProperty(key, value);
    properties.add(key);
  }

  @AfterEach
  void clearProperties() {
    properties.forEach(System::clearProperty);
  }

  private static StoreBinding binding(String guard, ClassLoader loader) {
    return Stores.binding(guard, CONFIG, Overrides.read(loader), loader);
  }

  private static ConfigurationException error(String guard, ClassLoader loader) {
    return assertThrows(Stores.Unusable.class, () -> binding(guard, loader));
  }

  @Test
  void aGuardIsLocalUnlessAStoreIsConfigured() {
    assertNull(binding("stores.none", withFake));
    set("warden.stores.own.store", " Local ");
    assertNull(binding("stores.own", withFake));
  }

  @Test
  void theGuardsOwnKeysWinOverTheGlobalOnes() {
    set("warden.store", "fake");
    set("warden.onStoreFailure", "allow");
    set("warden.stores.optout.store", "local");
    set("warden.stores.strict.onStoreFailure", "REJECT");
    set("warden.fake.uri", "fake://stores-test");
    assertNull(binding("stores.optout", withFake), "local beats warden.store");
    StoreBinding global = binding("stores.global", withFake);
    assertSame(FakeStores.opened("fake://stores-test"), global.store());
    assertSame(FakeStores.opened("fake://stores-test").bucket("stores.global"), global.bucket());
    assertEquals(CONFIG, ((FakeBucket) global.bucket()).config());
    assertEquals(OnStoreFailure.ALLOW, global.onFailure());
    StoreBinding strict = binding("stores.strict", withFake);
    assertSame(global.store(), strict.store(), "equal settings: one store");
    assertEquals(OnStoreFailure.REJECT, strict.onFailure());
  }

  @Test
  void theDefaultPolicyIsLocal() {
    set("warden.stores.default.store", "fake");
    assertEquals(OnStoreFailure.LOCAL, binding("stores.default", withFake).onFailure());
  }

  @Test
  void aBadPolicyIsAnErrorEvenForALocalGuard() {
    set("warden.stores.bad.onStoreFailure", "sometimes");
    ConfigurationException e = error("stores.bad", withFake);
    assertEquals("warden.stores.bad.onStoreFailure must be one of local, allow, reject, got 'sometimes'"
        + " (system property)", e.getMessage());
    assertEquals("warden.stores.bad.onStoreFailure", e.attribute());
    assertEquals("sometimes", e.value());
  }

  @Test
  void aBadGlobalPolicyIsAnErrorNamingTheGlobalKey() {
    set("warden.onStoreFailure", "never");
    assertEquals("warden.onStoreFailure must be one of local, allow, reject, got 'never' (system property)",
        error("stores.globalbad", null).getMessage());
  }

  @Test
  void aBlankStoreIsAnErrorListingTheStoresFound() {
    set("warden.stores.blank.store", " ");
    ConfigurationException e = error("stores.blank", withFake);
    assertEquals("Invalid Warden setting warden.stores.blank.store=  (system property): blank; name a store: local"
        + " or one of fake", e.getMessage());
    assertEquals("warden.stores.blank.store", e.attribute());
  }

  @Test
  void redisWithoutWardenRedisNamesTheModule() {
    set("warden.stores.redis.store", "redis");
    assertEquals("Invalid Warden setting warden.stores.redis.store=redis (system property): no store 'redis' found;"
        + " add dev.warden:warden-redis to the application", error("stores.redis", withFake).getMessage());
  }

  @Test
  void anUnknownStoreIsAnErrorListingTheStoresFound() {
    set("warden.store", "mongo");
    assertEquals("Invalid Warden setting warden.store=mongo (system property): no store 'mongo' found; the stores"
        + " found: fake", error("stores.unknown", withFake).getMessage());
  }

  /** A provider in the runtime's module that the module does not declare is not found: only the method's loader counts. */
  @Test
  void providersAreFoundThroughTheMethodsLoader() {
    set("warden.stores.system.store", "fake");
    assertEquals("Invalid Warden setting warden.stores.system.store=fake (system property): no store 'fake' found;"
        + " no store provider is on the class path", error("stores.system", StoresTest.class.getClassLoader()).getMessage());
  }

  @Test
  void aProviderMissingAClassIsAnErrorNamingIt() {
    set("warden.stores.linkage.store", "fake");
    set("warden.fake.open", "linkage");
    ConfigurationException e = error("stores.linkage", withFake);
    assertEquals("Invalid Warden setting warden.stores.linkage.store=fake (system property): store 'fake'"
        + " (dev.warden.runtime.store.FakeStoreProvider) cannot be opened: java.lang.NoClassDefFoundError:"
        + " com/example/fake/Client", e.getMessage());
    assertInstanceOf(NoClassDefFoundError.class, e.getCause());
  }

  @Test
  void aProvidersDefectIsAnErrorNamingIt() {
    set("warden.stores.defect.store", "fake");
    set("warden.fake.open", "defect");
    assertEquals("Invalid Warden setting warden.stores.defect.store=fake (system property): store 'fake'"
        + " (dev.warden.runtime.store.FakeStoreProvider) cannot be opened: java.lang.IllegalStateException: fake"
        + " defect", error("stores.defect", withFake).getMessage());
  }

  @Test
  void aProvidersConfigurationErrorNamesTheKeyThatChoseTheStore() {
    set("warden.stores.config.store", "fake");
    set("warden.fake.open", "bad");
    ConfigurationException e = error("stores.config", withFake);
    assertEquals("warden.fake.open must not be set, got 'bad' (system property) (store chosen by"
        + " warden.stores.config.store=fake, system property)", e.getMessage());
    assertEquals("warden.fake.open", e.attribute());
    assertEquals("bad", e.value());
  }

  @Test
  void aProviderThatCannotBeLoadedIsAnError(@TempDir Path dir) throws Exception {
    Path services = Files.writeString(dir.resolve("services"), "com.example.MissingProvider\n");
    set("warden.stores.load.store", "fake");
    ConfigurationException e = error("stores.load", new ProviderLoader(services.toUri().toURL()));
    assertTrue(e.getMessage().startsWith("Invalid Warden setting warden.stores.load.store=fake (system property):"
        + " cannot load the store providers: java.util.ServiceConfigurationError: "
        + "dev.warden.runtime.store.BucketStoreProvider: Provider com.example.MissingProvider not found"),
        e.getMessage());
    assertInstanceOf(ServiceConfigurationError.class, e.getCause());
  }

  @Test
  void theStoreWordIgnoresCase() {
    set("warden.stores.case.store", " FAKE ");
    StoreBinding binding = binding("stores.case", withFake);
    assertSame(FakeStores.opened("fake://default"), binding.store());
  }
}
