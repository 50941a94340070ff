package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.store.BucketStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The script decides exactly as the local {@link RateLimiter} would on the server's clock: every
 * expected value below is computed from the server times the script reports.
 */
class ExactnessTest {

  private static final long SECOND = 1_000_000_000L;

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

  private static RedisBucket bucket(String name, RateLimiterConfig config) {
    RedisBucket bucket = (RedisBucket) store.bucket(name, config);
    Connected.once(bucket::availablePermits);
    return bucket;
  }

  @Test
  void aFreshKeyAdmitsExactlyBurstThenReservesTheExactWait() {
    // 0.1 call/s, burst 3: interval 10 s, tolerance 20 s; the calls take far less than 5 s.
    long interval = 10 * SECOND;
    RedisBucket bucket = bucket("fresh", new RateLimiterConfig(0.1, 3, 0));
    long[] first = bucket.reserveTraced(0);
    assertEquals(0, first[0]);
    assertEquals(0, bucket.reserveTraced(0)[0]);
    assertEquals(0, bucket.reserveTraced(0)[0]);
    assertEquals(-1, bucket.reserveTraced(0)[0], "the fourth call within an interval is refused");
    // TAT = first + 3 intervals; the next permit is due at TAT - tolerance = first + 1 interval.
    long[] tooLong = bucket.reserveTraced(interval / 2);
    long due = first[1] + interval - tooLong[1];
    assertEquals(due > interval / 2 ? -1 : due, tooLong[0], "refused if due later than the wait");
    long[] reserved = bucket.reserveTraced(2 * interval);
    assertEquals(first[1] + interval - reserved[1], reserved[0], "a refusal reserved nothing");
    long[] next = bucket.reserveTraced(2 * interval);
    assertEquals(first[1] + 2 * interval - next[1], next[0], "each reservation moves the next one interval on");
    assertEquals(0, bucket.availablePermits());
  }

  @Test
  void theIntervalIsRoundedUpToWholeNanosecondsAsLocally() {
    // 3 calls/s: 333,333,333.3 ns, rounded up to 333,333,334; burst 1 (no tolerance).
    RedisBucket bucket = bucket("thirds", new RateLimiterConfig(3, 1, 0));
    long[] first = bucket.reserveTraced(0);
    assertEquals(0, first[0]);
    long[] second = bucket.reserveTraced(SECOND);
    assertEquals(first[1] + 333_333_334 - second[1], second[0]);
  }

  @Test
  void timesBeyondTwoToThe53AreExact() {
    // The slowest valid rate for burst 2: a whole bucket refills in 2^62 ns (146 years).
    RateLimiterConfig config = new RateLimiterConfig(RateLimiterConfig.lowestRate(2), 2, 0);
    long interval = (long) Math.ceil(1e9 / config.callsPerSecond());
    RedisBucket bucket = bucket("glacial", config);
    long[] first = bucket.reserveTraced(0);
    assertEquals(0, first[0]);
    assertEquals(0, bucket.reserveTraced(0)[0]);
    long[] third = bucket.reserveTraced(Long.MAX_VALUE);
    // TAT = first + 2 intervals; due at TAT - tolerance = first + interval.
    assertEquals(first[1] + interval - third[1], third[0]);
    long pttl = (Long) server.call("PTTL", "warden:{glacial}");
    // Kept until the bucket is full again: 3 intervals after the reservation.
    long life = 3 * (interval / 1_000_000) + 3;
    assertTrue(pttl > life - 60_000 && pttl <= life, pttl + " vs " + life);
  }

  @Test
  void everyDecisionEqualsTheLocalLimitersAtTheSameTime() throws InterruptedException {
    // 2,000 calls/s (0.5 ms) and 3,000 calls/s (333,334 ns): random waits and pauses, replayed
    // on a local limiter whose clock reads the server time of each decision.
    for (double rate : new double[] {2_000, 3_000}) {
      RateLimiterConfig config = new RateLimiterConfig(rate, 3, 0);
      RedisBucket bucket = bucket("model-" + (long) rate, config);
      ServerTime time = new ServerTime();
      RateLimiter local = RateLimiter.create("model", config, time);
      Random random = new Random(17);
      long[] waits = {0, 100_000, 333_334, 500_000, 1_000_000, 2_000_000, Long.MAX_VALUE};
      List<String> differences = new ArrayList<>();
      int admitted = 0;
      for (int i = 0; i < 300; i++) {
        long maxWait = waits[random.nextInt(waits.length)];
        long[] decision = bucket.reserveTraced(maxWait);
        time.now = decision[1];
        time.parked = 0;
        boolean taken = local.tryAcquire(maxWait, TimeUnit.NANOSECONDS);
        long expected = taken ? time.parked : -1;
        if (expected != decision[0]) {
          differences.add("call " + i + " (maxWait " + maxWait + "): redis " + decision[0] + ", local " + expected);
        }
        admitted += taken ? 1 : 0;
        if (random.nextInt(4) == 0) {
          LockSupport.parkNanos(random.nextInt(1_500_000));
        }
      }
      assertEquals(List.of(), differences);
      assertTrue(admitted > 3 && admitted < 300, "both answers occur: " + admitted + " admitted");
    }
  }

  @Test
  void availablePermitsCountsDownAndRefills() throws InterruptedException {
    RedisBucket bucket = bucket("permits", new RateLimiterConfig(20, 4, 0));
    assertEquals(4, bucket.availablePermits());
    assertEquals(0, bucket.reserve(0));
    assertEquals(0, bucket.reserve(0));
    long left = bucket.availablePermits();
    assertTrue(left == 2 || left == 3, "2, or 3 if 50 ms passed: " + left);
    while (bucket.reserve(0) == 0) {
      // empty it
    }
    assertEquals(0, bucket.availablePermits());
    Thread.sleep(250); // 20/s: four permits come back within 200 ms
    assertEquals(4, bucket.availablePermits());
  }

  /** A clock set to the server time of each decision; parking only records the wait. */
  private static final class ServerTime implements TimeSource {
    long now;
    long parked;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void parkNanos(long nanos) {
      parked += nanos;
      now += nanos;
    }
  }
}
