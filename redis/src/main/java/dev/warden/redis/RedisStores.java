package dev.warden.redis;

import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.StoreSettings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The open Redis stores of this JVM (per class loader of warden-redis): one per distinct {@code
 * warden.redis.*} settings, shared by every guard that uses them. A shutdown hook closes them all
 * when the JVM exits; the client's threads are daemon threads, so they never keep a JVM alive. An
 * application that is undeployed from a running JVM (a web application) calls {@link #closeAll()},
 * which also removes the hook, so that nothing of the JVM's keeps the application's class loader.
 *
 * <p>Thread-safe.
 */
public final class RedisStores {

  private static final ConcurrentMap<RedisSettings, RedisStore> OPEN = new ConcurrentHashMap<>();
  /** The shutdown hook while one is registered, else {@code null}. */
  private static final AtomicReference<Thread> HOOK = new AtomicReference<>();

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
    hook();
    for (;;) {
      RedisStore store = OPEN.computeIfAbsent(checked, RedisStore::new);
      store.awaitFirstConnection();
      if (OPEN.get(checked) == store) {
        return store;
      }
      // closed by closeAll while this guard waited: a guard created after closeAll gets a new store
    }
  }

  /**
   * Closes every open store: its connection and its client's threads, and removes the shutdown
   * hook (an application undeployed from a running JVM calls this). Buckets of a closed store
   * fail every call with a {@link dev.warden.runtime.store.StoreException} (their guards answer
   * with their {@code onStoreFailure} policy); guards created afterwards open a new store.
   *
   * @throws StoreException if a client could not be shut down cleanly (every store is closed
   *     regardless); the client's own exception is its cause
   */
  public static void closeAll() {
    Thread hook = HOOK.getAndSet(null);
    if (hook != null && hook != Thread.currentThread()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hooks are running: nothing to remove
      }
    }
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
      throw new StoreException("Closing the Redis stores failed: " + failure, failure);
    }
  }

  /** Registers the shutdown hook unless one is registered; its thread has no context class loader. */
  private static void hook() {
    if (HOOK.get() != null) {
      return;
    }
    Thread hook = new Thread(RedisStores::closeAll, "warden-redis-close");
    hook.setContextClassLoader(null);
    if (HOOK.compareAndSet(null, hook)) {
      try {
        Runtime.getRuntime().addShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        HOOK.compareAndSet(hook, null); // the JVM is exiting: its threads are daemon threads
      }
    }
  }
}
