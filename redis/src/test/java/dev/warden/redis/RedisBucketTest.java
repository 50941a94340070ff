package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.BucketException;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A store's buckets through the service interface, against a real server. */
class RedisBucketTest {

  /** 1 call/s, burst 3, so that no permit comes back while a test runs. */
  private static final RateLimiterConfig SLOW = new RateLimiterConfig(1, 3, 0);

  private static RedisServer server;
  private static BucketStore store;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    store = Connected.open(server.uri(), "timeoutMillis", "2000");
  }

  @AfterAll
  static void stop() {
    RedisStores.closeAll();
    server.close();
  }

  private static SharedBucket bucket(String name) {
    SharedBucket bucket = store.bucket(name, SLOW);
    Connected.once(bucket::availablePermits);
    return bucket;
  }

  private static int admitted(SharedBucket bucket) {
    int admitted = 0;
    while (bucket.reserve(0) == 0) {
      admitted++;
    }
    return admitted;
  }

  @Test
  void theKeyIsWardenBraceNameWithAnExpiryOfAtMostTheRefillTime() {
    SharedBucket bucket = bucket("orders");
    assertEquals(0, bucket.reserve(0));
    assertEquals("string", server.call("TYPE", "warden:{orders}"));
    long pttl = (Long) server.call("PTTL", "warden:{orders}");
    // A full bucket refills in burst * interval = 3 s; the script adds 1 ms for rounding.
    assertTrue(pttl > 0 && pttl <= 3_001, "PTTL " + pttl);
    assertEquals(List.of("warden:{orders}"), server.call("KEYS", "warden:*orders*"));
  }

  @Test
  void peekingWritesNothing() {
    assertEquals(3, bucket("peeked").availablePermits());
    assertEquals(0L, server.call("EXISTS", "warden:{peeked}"));
  }

  @Test
  void guardsHaveBucketsOfTheirOwn() {
    SharedBucket first = bucket("first");
    SharedBucket second = bucket("second");
    assertEquals(3, admitted(first));
    assertEquals(3, second.availablePermits());
    assertEquals(3, admitted(second));
  }

  @Test
  void bucketsOfOneNameAreOneBucket() {
    SharedBucket one = bucket("shared");
    SharedBucket other = store.bucket("shared", SLOW);
    assertEquals(0, one.reserve(0));
    assertEquals(0, other.reserve(0));
    assertEquals(0, one.reserve(0));
    assertEquals(-1, other.reserve(0));
  }

  @Test
  void aFlushedServerIsAFullBucketAgain() {
    SharedBucket bucket = bucket("flushed");
    assertEquals(3, admitted(bucket));
    server.call("FLUSHALL");
    assertEquals(3, bucket.availablePermits());
    assertEquals(3, admitted(bucket), "exactly burst again, not more");
  }

  @Test
  void aFlushedScriptIsLoadedAgainWithinTheSameCall() {
    SharedBucket bucket = bucket("reloaded");
    assertEquals(0, bucket.reserve(0));
    server.call("SCRIPT", "FLUSH");
    assertEquals(List.of(0L), server.call("SCRIPT", "EXISTS", GcraScript.SHA1));
    assertEquals(0, bucket.reserve(0), "the first call after the flush answers");
    assertEquals(List.of(1L), server.call("SCRIPT", "EXISTS", GcraScript.SHA1));
    assertEquals(0, bucket.reserve(0));
    assertEquals(-1, bucket.reserve(0), "the reload counted once: three permits in all");
  }

  @Test
  void aKeyOfAnotherTypeFailsThatGuardOnlyNamingGuardAndKey() {
    server.call("RPUSH", "warden:{listed}", "x");
    SharedBucket listed = store.bucket("listed", SLOW);
    BucketException reserve = assertThrows(BucketException.class, () -> Connected.once(() -> listed.reserve(0)));
    assertTrue(reserve.getMessage().contains("guard 'listed'") && reserve.getMessage().contains("warden:{listed}"),
        reserve.getMessage());
    assertTrue(reserve.getMessage().contains("WRONGTYPE"), reserve.getMessage());
    assertThrows(BucketException.class, listed::availablePermits);
    assertEquals(0, bucket("unlisted").reserve(0), "other guards are unaffected");
  }

  @Test
  void aStringThatIsNoBucketFailsThatGuard() {
    server.call("SET", "warden:{garbled}", "twelve");
    SharedBucket garbled = store.bucket("garbled", SLOW);
    BucketException e = assertThrows(BucketException.class, () -> Connected.once(() -> garbled.reserve(0)));
    assertTrue(e.getMessage().contains("warden:{garbled}") && e.getMessage().contains("guard 'garbled'"),
        e.getMessage());
    assertEquals("twelve", server.call("GET", "warden:{garbled}"), "left as it was");
  }

  @Test
  void equalSettingsShareOneStoreAndDescribeNamesTheUri() {
    assertSame(store, Connected.open(server.uri(), "timeoutMillis", "2000"));
    BucketStore other = Connected.open(server.uri(), "timeoutMillis", "1999");
    assertNotSame(store, other);
    assertEquals(server.uri(), store.describe());
  }

  @Test
  void aNegativeWaitIsRefused() {
    SharedBucket bucket = store.bucket("negative", SLOW);
    assertThrows(IllegalArgumentException.class, () -> bucket.reserve(-1));
  }

  @Test
  void aClosedStoreFailsEveryCallWithAStoreException() {
    BucketStore own = Connected.open(server.uri(), "timeoutMillis", "1998");
    SharedBucket bucket = own.bucket("closed", SLOW);
    Connected.once(bucket::availablePermits);
    ((RedisStore) own).close();
    StoreException e = assertThrows(StoreException.class, () -> bucket.reserve(0));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
