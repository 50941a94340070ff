package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.StoreBinding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Review 17b, E1: in lease mode a probe can be served from permits the bucket holds, without any
 * round trip; the store's health then declares the store up again while Redis is still down.
 */
class Review17bLeaseProbeTest {

  @Test
  void aProbeServedFromHeldPermitsDoesNotEndTheOutageWhileRedisIsDown() {
    ManualTime time = new ManualTime();
    // 0.01 call/s, burst 20: nothing refills while the test runs; held permits stay valid 2000 s
    RateLimiterConfig config = new RateLimiterConfig(0.01, 20, 0);
    try (RedisServer server = RedisServer.start(); StoreLog log = new StoreLog()) {
      BucketStore store = Connected.open(server.uri(), "timeoutMillis", "300", "lease", "10",
          "connectTimeoutMillis", "2000");
      RateLimiter holding = RateLimiter.create("review17b.holding", config, time,
          new StoreBinding(store, store.bucket("review17b.holding", config), OnStoreFailure.REJECT));
      RateLimiter other = RateLimiter.create("review17b.other", config, time,
          new StoreBinding(store, store.bucket("review17b.other", config), OnStoreFailure.REJECT));
      Connected.once(holding::availablePermits);
      assertTrue(holding.tryAcquire(), "the first call leases 10 permits and holds 9");

      server.stop();
      assertEquals(false, other.tryAcquire(), "the store fails: reject");
      String down = "Warden store " + server.uri() + " (lease 10) fails: ";
      assertEquals(1, log.messages("WARNING", down).size());

      time.advance(TimeUnit.MILLISECONDS.toNanos(100)); // the first back-off has expired
      holding.tryAcquire(); // the probe: answered from a held permit, Redis is never asked
      other.tryAcquire();

      List<String> infos = log.messages("INFO", "Warden store " + server.uri() + " (lease 10) answers again");
      assertEquals(List.of(), infos, "Redis is still down, but a held permit 'probed' it");
      assertEquals(1, log.messages("WARNING", down).size(), "one WARNING per outage");
    } finally {
      RedisStores.closeAll();
    }
  }
}
