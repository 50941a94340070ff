package dev.warden.it;

import static dev.warden.it.Guards.limiter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.ClusterQuota;
import dev.warden.redis.RedisStoreProvider;
import dev.warden.redis.RedisStores;
import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.StoreSettings;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Throttled} fixture put into Redis by configuration alone: a {@code redis-server} of
 * the test's own ({@code redis-server} on the {@code PATH}), and the system properties {@code
 * warden.it.cluster-quota.store=redis} and {@code warden.redis.uri} set before the fixture's
 * guard is first created (no other guard names the store, so no other scenario is affected).
 */
class ClusterThrottleIT {

  private static final String NAME = "it.cluster-quota";
  private static final List<String> PROPERTIES =
      List.of("warden." + NAME + ".store", "warden.redis.uri", "warden.redis.timeoutMillis");

  /** Generous: a call past it would be admitted by this JVM's own bucket and spoil the count. */
  private static final String TIMEOUT_MILLIS = "2000";

  private static RedisServer server;
  private static ClusterQuota quota;

  @BeforeAll
  static void configure() {
    server = RedisServer.start();
    System.setProperty("warden." + NAME + ".store", "redis");
    System.setProperty("warden.redis.uri", server.uri());
    System.setProperty("warden.redis.timeoutMillis", TIMEOUT_MILLIS);
    connect(server.uri());
    quota = Mode.current().fixtures().clusterQuota();
  }

  @AfterAll
  static void stop() {
    PROPERTIES.forEach(System::clearProperty);
    RedisStores.closeAll();
    server.close();
  }

  @Test
  void admitsExactlyBurstThenRejectsByTheBucketInRedis() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals("partner:" + i, quota.fetch(Integer.toString(i)));
    }
    ThrottledException e = assertThrows(ThrottledException.class, () -> quota.fetch("x"));
    assertEquals(NAME, e.guardName());
    assertEquals(3, quota.served());
    assertEquals(1L, server.call("EXISTS", "warden:{" + NAME + "}"));
    assertEquals(server.uri(), limiter(NAME).store());
    ObjectName bean = new ObjectName("dev.warden:type=Throttled,name=" + ObjectName.quote(NAME));
    assertEquals(server.uri(), ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "Store"));

    server.call("DEL", "warden:{" + NAME + "}");
    assertEquals("partner:y", quota.fetch("y"), "Redis decides: an emptied key is a full bucket again");
  }

  /**
   * Opens the store the guard will use (equal settings: the same connection) and waits until it
   * answers, so that no call of the scenario finds it still connecting (and is admitted by this
   * JVM's own bucket instead).
   */
  private static void connect(String uri) {
    SharedBucket bucket = new RedisStoreProvider()
        .open(StoreSettings.of("redis", Map.of("uri", uri, "timeoutMillis", TIMEOUT_MILLIS)))
        .bucket(NAME, new RateLimiterConfig(0.01, 3, 0));
    Guards.await("Redis at " + uri + " to answer", Duration.ofSeconds(20), () -> {
      try {
        return bucket.availablePermits() == 3;
      } catch (StoreException notYet) {
        return false;
      }
    });
  }
}
