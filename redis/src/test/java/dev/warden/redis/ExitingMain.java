package dev.warden.redis;

import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.BucketStoreProvider;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.StoreSettings;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Run by {@link JvmExitTest} in a JVM of its own: finds the store {@code redis} through {@link
 * ServiceLoader}, makes calls on {@code args[0]}, then returns from {@code main} ({@code args[1]}
 * {@code return}) or first closes every store ({@code closeAll}) and reports the threads left.
 */
public final class ExitingMain {

  private ExitingMain() {}

  public static void main(String[] args) throws InterruptedException {
    BucketStoreProvider provider = ServiceLoader.load(BucketStoreProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("redis")).findFirst().orElseThrow();
    BucketStore store = provider.open(StoreSettings.of("redis", Map.of("uri", args[0])));
    SharedBucket bucket = store.bucket("exiting", new RateLimiterConfig(1_000, 100, 0));
    long wait = Connected.once(() -> bucket.reserve(0));
    for (int i = 0; i < 20; i++) {
      bucket.reserve(0);
    }
    System.out.println("provider " + provider.getClass().getName() + " answered " + wait);
    if (args[1].equals("closeAll")) {
      RedisStores.closeAll();
      try {
        bucket.reserve(0);
      } catch (StoreException e) {
        System.out.println("after closeAll: " + e.getMessage());
      }
      System.out.println("threads left: " + clientThreads());
    }
    System.out.println("returning from main");
  }

  /** The live threads of the client: of a class that is not the JDK's, or not daemon threads. */
  private static List<String> clientThreads() throws InterruptedException {
    List<String> left = List.of();
    for (int i = 0; i < 100; i++) { // up to 5 s for threads on their way out
      left = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t != Thread.currentThread())
          .filter(t -> !t.isDaemon() || t.getClass().getModule() != Thread.class.getModule())
          .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : ""))
          .sorted().collect(Collectors.toList());
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(50);
    }
    return left;
  }
}
