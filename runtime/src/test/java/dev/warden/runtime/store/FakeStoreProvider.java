package dev.warden.runtime.store;

/**
 * The store {@code fake}, found by {@link java.util.ServiceLoader} through the test's {@code
 * META-INF/services} file. A provider in a named module is found only if the module provides it,
 * so tests load this class again through a loader of their own (an unnamed module); it opens its
 * stores through {@link FakeStores}, which all copies share.
 *
 * <p>Thread-safe.
 */
public final class FakeStoreProvider implements BucketStoreProvider {

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public BucketStore open(StoreSettings settings) {
    return FakeStores.open(settings);
  }
}
