package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two limiters on one bucket in Redis whose clocks are hours apart: the bucket decides on the
 * server's clock, so together they admit exactly burst, then one permit per interval of server
 * time; a limiter's clock only times its park, which lasts exactly the wait the server answered.
 */
class SkewedClockTest {

  private static final long INTERVAL = TimeUnit.SECONDS.toNanos(10);
  /** 0.1 call/s (one permit per 10 s, far longer than the test), burst 3. */
  private static final RateLimiterConfig CONFIG = new RateLimiterConfig(0.1, 3, 0);

  private RedisServer server;

  @BeforeEach
  void start() {
    server = RedisServer.start();
  }

  @AfterEach
  void stop() {
    RedisStores.closeAll();
    server.close();
  }

  @Test
  void clocksHoursApartShareExactlyBurstThenTheRateAndParkTheServersWait() throws InterruptedException {
    String name = "e2e.skew";
    BucketStore store = Connected.open(server.uri(), "timeoutMillis", "2000");
    Traced bucket = new Traced((RedisBucket) store.bucket(name, CONFIG));
    Connected.once(bucket::availablePermits);
    TimeSource behind = new TimeSource() { // the system clock, five hours behind
      @Override
      public long nanoTime() {
        return System.nanoTime() - TimeUnit.HOURS.toNanos(5);
      }

      @Override
      public void parkNanos(long nanos) {
        LockSupport.parkNanos(nanos);
      }
    };
    FakeClock ahead = new FakeClock(System.nanoTime() + TimeUnit.HOURS.toNanos(7));
    RateLimiter slow = RateLimiter.create(name, CONFIG, behind, new StoreBinding(store, bucket, OnStoreFailure.LOCAL));
    RateLimiter fast = RateLimiter.create(name, CONFIG, ahead, new StoreBinding(store, bucket, OnStoreFailure.LOCAL));

    assertTrue(slow.tryAcquire());
    assertTrue(fast.tryAcquire());
    assertTrue(slow.tryAcquire());
    assertFalse(fast.tryAcquire(), "burst 3 between both");
    assertFalse(slow.tryAcquire());
    long first = bucket.decisions.get(0)[1]; // the server time of the first admission

    assertTrue(fast.tryAcquire(1, TimeUnit.MINUTES));
    long[] fourth = bucket.last();
    assertEquals(first + INTERVAL, fourth[1] + fourth[0], "due one interval of server time after the first");
    assertFalse(slow.tryAcquire(), "the next one is due another interval later");
    assertTrue(fast.tryAcquire(1, TimeUnit.MINUTES));
    long[] fifth = bucket.last();
    assertEquals(first + 2 * INTERVAL, fifth[1] + fifth[0]);
    assertEquals(List.of(fourth[0], fifth[0]), ahead.parks, "parked exactly the waits the server answered");
    assertEquals(8, bucket.decisions.size(), "one round trip per call");
  }

  /** Records each decision of a Redis bucket: the wait it answered and the server time it decided at. */
  private static final class Traced implements SharedBucket {
    final List<long[]> decisions = new ArrayList<>();
    private final RedisBucket bucket;

    Traced(RedisBucket bucket) {
      this.bucket = bucket;
    }

    @Override
    public long reserve(long maxWaitNanos) {
      long[] decision = bucket.reserveTraced(maxWaitNanos);
      decisions.add(decision);
      return decision[0];
    }

    @Override
    public long availablePermits() {
      return bucket.availablePermits();
    }

    long[] last() {
      return decisions.get(decisions.size() - 1);
    }
  }

  /** A clock that stands still; parking moves it on by exactly the nanoseconds asked for, and records them. */
  private static final class FakeClock implements TimeSource {
    final List<Long> parks = new ArrayList<>();
    private long now;

    FakeClock(long now) {
      this.now = now;
    }

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void parkNanos(long nanos) {
      parks.add(nanos);
      now += nanos;
    }
  }
}
