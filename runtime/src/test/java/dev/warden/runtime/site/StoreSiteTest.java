package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import dev.warden.runtime.internal.Registries;
import dev.warden.runtime.store.FakeBucket;
import dev.warden.runtime.store.FakeStores;
import dev.warden.runtime.store.ProviderLoader;
import dev.warden.runtime.store.StoreException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A guarded method whose throttle is configured into a shared store by system properties: the
 * site uses the store found through the method's loader, and a missing store fails the site at
 * creation, registering nothing.
 */
class StoreSiteTest {

  /** Loaded again by a {@link ProviderLoader}, whose class path holds the store {@code fake}. */
  static class Shared {
    @Throttled(name = "site.store.fake", callsPerSecond = 1, burst = 1)
    void m() {}

    @Throttled(name = "site.store.reject", callsPerSecond = 1, burst = 1)
    void r() {}
  }

  static class Missing {
    @Throttled(name = "site.store.redis", callsPerSecond = 1)
    @CountCalls(name = "site.store.redis.calls")
    void m() {}
  }

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
  void aThrottleConfiguredIntoTheStoreReservesThere() throws Exception {
    set("warden.site.store.fake.store", "fake");
    set("warden.fake.uri", "fake://site");
    GuardSite site = GuardSite.forMethod(new ProviderLoader(null, Shared.class).copy(Shared.class), "m");
    for (int i = 0; i < 5; i++) {
      assertEquals("ok", Protocol.call(site, () -> "ok"), "burst 1, but the store admits every call");
    }
    FakeBucket bucket = FakeStores.opened("fake://site").bucket("site.store.fake");
    assertEquals(5, bucket.reserves());
    assertEquals("fake://site", Warden.rateLimiter("site.store.fake").orElseThrow().store());
  }

  @Test
  void rejectPolicyRefusesWhileTheStoreFails() throws Exception {
    set("warden.site.store.reject.store", "fake");
    set("warden.site.store.reject.onStoreFailure", "reject");
    set("warden.fake.uri", "fake://site-reject");
    GuardSite site = GuardSite.forMethod(new ProviderLoader(null, Shared.class).copy(Shared.class), "r");
    FakeStores.opened("fake://site-reject").bucket("site.store.reject").fail(new StoreException("down", null));
    assertThrows(ThrottledException.class, () -> Protocol.call(site, () -> "ok"));
  }

  @Test
  void redisWithoutWardenRedisFailsAtSiteCreationNamingTheModule() {
    set("warden.site.store.redis.store", "redis");
    String message = "Invalid Warden setting warden.site.store.redis.store=redis (system property): no store"
        + " 'redis' found; add dev.warden:warden-redis to the application";
    try (CapturedLog log = new CapturedLog()) {
      GuardSite site = GuardSite.forMethod(Missing.class, "m");
      assertEquals(List.of(SiteFactory.displayName(SiteFactory.method(Missing.class, "m")) + ": every call will fail: "
          + message),
          log.messages(Level.SEVERE, "site.store.redis"));
      ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
      assertEquals(message, e.getMessage());
    }
    assertFalse(Warden.rateLimiter("site.store.redis").isPresent(), "nothing registered");
    assertFalse(Warden.callStats("site.store.redis.calls").isPresent(), "nothing registered");
  }

  /** The agent checks a woven method's rules at weave time, but not its store: the site logs that. */
  @Test
  void aWovenMethodsStoreErrorIsLogged() {
    set("warden.site.store.redis.store", "redis");
    try (CapturedLog log = new CapturedLog()) {
      SiteFactory.create(SiteFactory.method(Missing.class, "m"), MethodHandles.lookup(),
          Registries.create(dev.warden.runtime.TimeSource.SYSTEM), true);
      assertEquals(1, log.messages(Level.SEVERE, "add dev.warden:warden-redis").size());
    }
  }
}
