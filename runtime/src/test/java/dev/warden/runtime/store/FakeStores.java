package dev.warden.runtime.store;

import dev.warden.runtime.ConfigurationException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link FakeStoreProvider} opens, shared by every copy of the provider class (tests load
 * it through loaders of their own): one {@link FakeStore} per {@code warden.fake.uri} (default
 * {@code fake://default}); {@code warden.fake.open=linkage|defect|config} makes opening fail.
 *
 * <p>Thread-safe.
 */
public final class FakeStores {

  private static final Map<String, FakeStore> STORES = new ConcurrentHashMap<>();

  private FakeStores() {}

  /** Opens the store of {@code settings}, as the provider's {@code open}. */
  public static BucketStore open(StoreSettings settings) {
    StoreSettings.Setting failure = settings.get("open");
    if (failure != null) {
      switch (failure.value()) {
        case "linkage" -> throw new NoClassDefFoundError("com/example/fake/Client");
        case "defect" -> throw new IllegalStateException("fake defect");
        default -> throw new ConfigurationException(failure.key(), failure.value(),
            failure.key() + " must not be set, got '" + failure.value() + "' (" + failure.source() + ")");
      }
    }
    StoreSettings.Setting uri = settings.get("uri");
    return STORES.computeIfAbsent(uri == null ? "fake://default" : uri.value().trim(), FakeStore::new);
  }

  /** {@return the store opened for {@code uri}, or {@code null}} */
  public static FakeStore opened(String uri) {
    return STORES.get(uri);
  }
}
