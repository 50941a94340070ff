package dev.warden.redis;

import dev.warden.runtime.store.BucketException;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.StoreSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Opens stores through the provider and waits for their background connection. */
final class Connected {

  private Connected() {}

  /**
   * A store of {@code uri} through {@link RedisStoreProvider#open}.
   *
   * @param uri {@code warden.redis.uri}
   * @param more further settings, name then value, e.g. {@code "timeoutMillis", "200"}
   * @return the store
   */
  static BucketStore open(String uri, String... more) {
    Map<String, String> values = new HashMap<>();
    values.put("uri", uri);
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    return new RedisStoreProvider().open(StoreSettings.of("redis", values));
  }

  /**
   * The result of {@code call} once it stops failing with a {@link StoreException} (the store is
   * connected); fails after 20 s. A {@link BucketException} fails at once.
   */
  static <T> T once(Supplier<T> call) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (;;) {
      try {
        return call.get();
      } catch (StoreException e) {
        if (e instanceof BucketException) {
          throw e;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Still failing after 20 s", e);
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
