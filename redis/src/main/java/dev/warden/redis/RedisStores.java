package dev.warden.redis;

import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.StoreSettings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open Redis stores of this JVM (per class loader of warden-redis): one per distinct {@code
 * warden.redis.*} settings, shared by every guard that uses them. A shutdown hook closes them all
 * when the JVM exits; the client's threads are daemon threads, so they never keep a JVM alive.
 *
 * <p>Thread-safe.
 */
public final class RedisStores {

  private static final ConcurrentMap<RedisSettings, RedisStore> OPEN = new ConcurrentHashMap<>();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  private RedisStores() {}

  /**
   * The store of {@code settings}: the open one with equal settings, else a new one. Waits until the
   * store's first connection attempt has ended, at most {@code connectTimeoutMillis} after the store
   * was made (not at all once it has ended), so that the first calls of a JVM find the connection
   * up rather than answer with their policy; a failed attempt is repeated in the background.
   *
   * @throws dev.warden.runtime.ConfigurationException if a setting is missing or invalid
   */
  static BucketStore open(StoreSettings settings) {
    RedisSettings checked = RedisSettings.from(settings);
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(RedisStores::closeAll, "warden-redis-close"));
    }
    RedisStore store = OPEN.computeIfAbsent(checked, RedisStore::new);
    store.awaitFirstConnection();
    return store;
  }

  /**
   * Closes every open store: its connection and its client's threads. Buckets of a closed store
   * fail every call with a {@link dev.warden.runtime.store.StoreException} (their guards answer
   * with their {@code onStoreFailure} policy); guards created afterwards open a new store.
   */
  public static void closeAll() {
    RuntimeException failure = null;
    for (RedisSettings settings : OPEN.keySet()) {
      RedisStore store = OPEN.remove(settings);
      if (store == null) {
        continue;
      }
      try {
        store.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
