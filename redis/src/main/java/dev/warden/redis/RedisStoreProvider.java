package dev.warden.redis;

import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.BucketStoreProvider;
import dev.warden.runtime.store.StoreSettings;

/**
 * The store {@code redis}: {@code warden.store=redis} (or {@code warden.<name>.store=redis}) with
 * {@code warden.redis.uri=redis://host:port} shares each {@code @Throttled} guard's bucket across
 * every process using that Redis. Optional: {@code warden.redis.timeoutMillis} (default 50), the
 * longest a call waits for Redis; {@code warden.redis.connectTimeoutMillis} (default 10000), the
 * longest the first connection, made in the background, may take; {@code warden.redis.lease}
 * (default 1), the most permits a guard takes in one round trip and hands out in the process (see
 * the module's README: at most {@code processes * (lease - 1)} admissions on top of the limit).
 *
 * <p>Found by {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class RedisStoreProvider implements BucketStoreProvider {

  /** The provider {@link java.util.ServiceLoader} creates. */
  public RedisStoreProvider() {}

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public BucketStore open(StoreSettings settings) {
    return RedisStores.open(settings);
  }
}
