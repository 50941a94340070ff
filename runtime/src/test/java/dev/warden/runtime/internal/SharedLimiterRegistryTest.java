package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.runtime.FakeTime;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.site.CapturedLog;
import dev.warden.runtime.store.FakeStore;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.StoreBinding;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The registry's rule for shared limiters: declarations are the same only with equal
 * configurations, the same store instance and the same policy; and the JMX attribute {@code Store}.
 */
class SharedLimiterRegistryTest {

  private static final RateLimiterConfig CONFIG = new RateLimiterConfig(10, 2, 0);

  private final GuardRegistry registry = Registries.create(new FakeTime());
  private final FakeStore one = new FakeStore("fake://one");
  private final FakeStore two = new FakeStore("fake://two");
  private final ClassLoader first = new ClassLoader(null) {};
  private final ClassLoader second = new ClassLoader(null) {};

  private static StoreBinding bind(FakeStore store, String name, OnStoreFailure policy) {
    return new StoreBinding(store, store.bucket(name, CONFIG), policy);
  }

  @Test
  void anotherLoaderSharesTheLimiterOnlyWithTheSameStoreAndPolicy() {
    String name = "registry.shared";
    RateLimiter created = registry.limiter(name, CONFIG, bind(one, name, OnStoreFailure.LOCAL), "A#m", first);
    assertSame(created, registry.limiter(name, CONFIG, bind(one, name, OnStoreFailure.LOCAL), "B#m", second),
        "another bucket object of the same store: the same declaration");
    ClassLoader third = new ClassLoader(null) {};
    RateLimiter otherPolicy = registry.limiter(name, CONFIG, bind(one, name, OnStoreFailure.ALLOW), "C#m", third);
    assertNotSame(created, otherPolicy);
    RateLimiter otherStore =
        registry.limiter(name, CONFIG, bind(two, name, OnStoreFailure.ALLOW), "D#m", new ClassLoader(null) {});
    assertNotSame(otherPolicy, otherStore);
    RateLimiter local = registry.limiter(name, CONFIG, null, "E#m", new ClassLoader(null) {});
    assertNotSame(otherStore, local);
    assertEquals("local", local.store());
    assertSame(local, registry.findLimiter(name), "the newest");
  }

  @Test
  void aDeclarationWithAnotherStoreFromTheSameLoaderKeepsTheFirstAndSaysWhy() {
    String name = "registry.conflict";
    try (CapturedLog log = new CapturedLog()) {
      RateLimiter created = registry.limiter(name, CONFIG, bind(one, name, OnStoreFailure.LOCAL), "A#m", first);
      assertSame(created, registry.limiter(name, CONFIG, null, "A#n", first));
      assertEquals(List.of("@Throttled guard '" + name + "' is declared by A#n with " + CONFIG + " but A#m created it"
          + " first with " + CONFIG + " in store fake://one (onStoreFailure=local); keeping the first"),
          log.messages(Level.WARNING, name));
    }
  }

  @Test
  void theLimitersBeanNamesItsStore() throws Exception {
    registry.limiter("registry.jmx.shared", CONFIG, bind(one, "registry.jmx.shared", OnStoreFailure.LOCAL), "A#m", first);
    registry.limiter("registry.jmx.local", CONFIG, null, "A#n", first);
    var server = ManagementFactory.getPlatformMBeanServer();
    assertEquals("fake://one", server.getAttribute(JmxExporter.objectName("Throttled", "registry.jmx.shared"), "Store"));
    assertEquals("local", server.getAttribute(JmxExporter.objectName("Throttled", "registry.jmx.local"), "Store"));
  }
}
