package dev.warden.redis.jvm;

import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.BucketStoreProvider;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.StoreSettings;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Run by {@code JvmExitTest} with warden-redis and its dependencies on the module path: the
 * provider is found through the module's {@code provides} and works with only the modules its
 * descriptor requires ({@code --add-modules dev.warden.redis}).
 */
public final class ModulePathMain {

  private ModulePathMain() {}

  public static void main(String[] args) throws InterruptedException {
    BucketStoreProvider provider = ServiceLoader.load(BucketStoreProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("redis")).findFirst().orElseThrow();
    SharedBucket bucket = provider.open(StoreSettings.of("redis", Map.of("uri", args[0])))
        .bucket("modular", new RateLimiterConfig(10, 1, 0));
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (;;) {
      try {
        System.out.println(provider.getClass().getModule() + " answered " + bucket.reserve(0));
        return;
      } catch (StoreException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(5);
      }
    }
  }
}
