package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lease mode ({@code warden.redis.lease}) against a real server: what a lease takes, how long held
 * permits last, that each permit is spent once, and the round trips saved, counted by the server
 * ({@code INFO commandstats}).
 */
class LeaseTest {

  private static final long SECOND = 1_000_000_000L;

  private static RedisServer server;
  private static RedisStore store;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    store = (RedisStore) Connected.open(server.uri(), "timeoutMillis", "2000");
  }

  @AfterAll
  static void stop() {
    RedisStores.closeAll();
    server.close();
  }

  /** A lease-mode bucket of the shared store, connected, with its own clock. */
  private static RedisBucket bucket(String name, RateLimiterConfig config, long lease, TimeSource time) {
    RedisBucket bucket = new RedisBucket(store, name, config, lease, time);
    Connected.once(bucket::availablePermits);
    return bucket;
  }

  private static long evalshaCalls() {
    Matcher calls = Pattern.compile("cmdstat_evalsha:calls=(\\d+)")
        .matcher(server.call("INFO", "commandstats").toString());
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }

  @Test
  void aLeaseTakesWhatIsAvailableUpToItsSizeThenReservesOneAsExactModeDoes() {
    // 0.1 call/s, burst 10, lease 4: interval 10 s, no refill while the test runs.
    long interval = 10 * SECOND;
    RedisBucket bucket = bucket("sizes", new RateLimiterConfig(0.1, 10, 0), 4, new ManualTime());
    long[] trace = new long[2];
    List<Long> taken = new ArrayList<>();
    long first = -1;
    for (int call = 0; call < 10; call++) {
      assertEquals(0, bucket.reserve(0, trace), "call " + call);
      if (trace[0] != RedisBucket.HELD) {
        taken.add(trace[1]);
        first = first < 0 ? trace[0] : first;
      }
    }
    assertEquals(List.of(4L, 4L, 2L), taken, "4 + 4 + what is left of the burst");
    assertEquals(-1, bucket.reserve(0, trace));
    assertEquals(0, trace[1]);
    // The bucket is empty: TAT = first + 10 intervals, the next permit due at first + 1 interval.
    long wait = bucket.reserve(2 * interval, trace);
    assertEquals(1, trace[1], "a lease with none available reserves one permit");
    assertEquals(first + interval - trace[0], wait);
    wait = bucket.reserve(2 * interval, trace);
    assertEquals(first + 2 * interval - trace[0], wait);
  }

  @Test
  void leasesAreExactBeyondTwoToThe53() {
    // The slowest valid rate for burst 3: an interval of about 2^62 / 3 ns.
    RateLimiterConfig config = new RateLimiterConfig(RateLimiterConfig.lowestRate(3), 3, 0);
    RedisBucket bucket = bucket("glacial-lease", config, 2, new ManualTime());
    long[] trace = new long[2];
    assertEquals(0, bucket.reserve(0, trace));
    assertEquals(2, trace[1]);
    assertEquals(0, bucket.reserve(0, trace));
    assertEquals(RedisBucket.HELD, trace[0]);
    assertEquals(0, bucket.reserve(0, trace));
    assertEquals(1, trace[1], "one permit left of the burst");
    assertEquals(-1, bucket.reserve(0, trace));
  }

  @Test
  void heldPermitsExpireAWholeBucketsRefillTimeAfterTheLeaseWasAskedFor() {
    // 0.1 call/s, burst 20, lease 5: held permits are valid for 200 s of the bucket's clock.
    ManualTime time = new ManualTime();
    RedisBucket bucket = bucket("expiring", new RateLimiterConfig(0.1, 20, 0), 5, time);
    long[] trace = new long[2];
    long before = evalshaCalls();
    assertEquals(0, bucket.reserve(0, trace));
    assertEquals(5, trace[1]);
    assertEquals(0, bucket.reserve(0, trace));
    assertEquals(RedisBucket.HELD, trace[0]);
    time.advance(200 * SECOND - 1);
    assertEquals(0, bucket.reserve(0, trace));
    assertEquals(RedisBucket.HELD, trace[0], "valid until the last nanosecond");
    assertEquals(before + 1, evalshaCalls());
    time.advance(1);
    assertEquals(20 - 5, bucket.availablePermits(), "the 2 permits left are no longer counted");
    assertEquals(0, bucket.reserve(0, trace));
    assertEquals(5, trace[1], "expired: a new lease");
    assertEquals(before + 3, evalshaCalls());
  }

  @Test
  void availablePermitsCountsTheHeldPermits() {
    RedisBucket bucket = bucket("counted", new RateLimiterConfig(0.1, 10, 0), 4, new ManualTime());
    assertEquals(10, bucket.availablePermits());
    assertEquals(0, bucket.reserve(0));
    assertEquals(9, bucket.availablePermits(), "6 in Redis, 3 held");
    assertEquals(0, bucket.reserve(0));
    assertEquals(8, bucket.availablePermits());
  }

  @Test
  void manyThreadsSpendEachPermitOnceAndWasteNone() throws InterruptedException {
    // 0.1 call/s, burst 100, lease 7: no refill while the test runs, so exactly 100 admissions.
    RedisBucket bucket = bucket("spent-once", new RateLimiterConfig(0.1, 100, 0), 7, TimeSource.SYSTEM);
    AtomicLong admitted = new AtomicLong();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
          while (bucket.reserve(0) == 0) {
            admitted.incrementAndGet();
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(List.of(), failures);
    while (bucket.reserve(0) == 0) {
      admitted.incrementAndGet(); // permits still held when the threads stopped
    }
    assertEquals(100, admitted.get());
  }

  @Test
  void aLeaseOf100CutsTheRoundTripsAHundredfold() {
    // Burst 100,000, 20,000 calls: the bucket never runs dry, whatever the machine's speed.
    BucketStore leasing = Connected.open(server.uri(), "timeoutMillis", "2000", "lease", "100");
    SharedBucket bucket = leasing.bucket("round-trips", new RateLimiterConfig(1_000, 100_000, 0));
    Connected.once(bucket::availablePermits);
    long before = evalshaCalls();
    for (int call = 0; call < 20_000; call++) {
      assertEquals(0, bucket.reserve(0), "call " + call);
    }
    long roundTrips = evalshaCalls() - before;
    assertEquals(200, roundTrips, "20,000 calls / 100 per lease");
  }

  @Test
  void afterAFlushNothingMoreThanTheHeldPermitsComesOnTopOfTheBurst() {
    // Burst 10, lease 5: A holds 4 when Redis forgets; A and B then get exactly 10 + 4.
    RateLimiterConfig config = new RateLimiterConfig(0.1, 10, 0);
    RedisBucket a = bucket("flushed-lease", config, 5, new ManualTime());
    RedisBucket b = bucket("flushed-lease", config, 5, new ManualTime());
    assertEquals(0, a.reserve(0));
    server.call("FLUSHALL");
    long admitted = 0;
    for (RedisBucket client : List.of(a, b, a, b)) {
      while (client.reserve(0) == 0) {
        admitted++;
      }
    }
    assertEquals(10 + 4, admitted);
  }

  @Test
  void heldPermitsAreUsedWhileRedisIsDownThenCallsFail() {
    try (RedisServer own = RedisServer.start()) {
      RedisStore down = (RedisStore) Connected.open(own.uri(), "timeoutMillis", "500");
      RedisBucket bucket = new RedisBucket(down, "down", new RateLimiterConfig(1, 10, 0), 3, new ManualTime());
      assertEquals(0, (long) Connected.once(() -> bucket.reserve(0)));
      own.stop();
      assertEquals(0, bucket.reserve(0));
      assertEquals(0, bucket.reserve(0));
      assertThrows(StoreException.class, () -> bucket.reserve(0));
    }
  }

  @Test
  void theLeaseIsPartOfTheStoresIdentityAndShownByDescribe() {
    BucketStore exact = Connected.open(server.uri(), "timeoutMillis", "1500");
    BucketStore leasing = Connected.open(server.uri(), "timeoutMillis", "1500", "lease", "50");
    assertNotSame(exact, leasing);
    assertSame(leasing, Connected.open(server.uri(), "timeoutMillis", "1500", "lease", " 50 "));
    assertSame(exact, Connected.open(server.uri(), "timeoutMillis", "1500", "lease", "1"));
    assertEquals(server.uri(), exact.describe());
    assertEquals(server.uri() + " (lease 50)", leasing.describe());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "1.5", "", " ", "1000001", "99999999999999999999"})
  void aBadLeaseIsAConfigurationExceptionNamingKeyAndValue(String lease) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Connected.open(server.uri(), "lease", lease));
    assertEquals("warden.redis.lease", e.attribute());
    assertEquals(lease, e.value());
    assertEquals("warden.redis.lease must be a whole number of permits from 1 to 1000000, got '" + lease
        + "' (settings)", e.getMessage());
  }
}
