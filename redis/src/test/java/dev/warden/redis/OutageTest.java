package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that stops, dies, freezes or sleeps: every call ends within the timeout (plus a
 * generous margin for a busy machine) with an answer or a {@link StoreException}, and the store
 * answers again by itself once the server does.
 */
class OutageTest {

  private static final long TIMEOUT_MILLIS = 200;
  /** No call may take longer than the timeout plus this. */
  private static final long MARGIN_MILLIS = 1_000;
  private static final RateLimiterConfig FAST = new RateLimiterConfig(1_000, 10, 0);

  private RedisServer server;
  private SharedBucket bucket;

  @BeforeEach
  void start() {
    server = RedisServer.start();
    BucketStore store = Connected.open(server.uri(), "timeoutMillis", Long.toString(TIMEOUT_MILLIS),
        "connectTimeoutMillis", "2000");
    bucket = store.bucket("outage", FAST);
    Connected.once(bucket::availablePermits);
  }

  @AfterEach
  void stop() {
    RedisStores.closeAll();
    server.close();
  }

  @Test
  void aStoppedServerFailsCallsAtOnceAndIsUsedAgainAfterItsRestart() {
    try (Hammer hammer = new Hammer(bucket, 4)) {
      hammer.awaitMore(hammer.answers::get, 50);
      server.stop();
      hammer.awaitMore(hammer.failures::get, 50);
      server.restart();
      hammer.awaitMore(hammer.answers::get, 50);
      assertWithinTimeout(hammer);
      assertTrue(hammer.failureMessages().stream().allMatch(m -> m.startsWith("Redis store " + server.uri())),
          hammer.failureMessages().toString());
    }
  }

  @Test
  void aKilledServerIsTheSame() {
    try (Hammer hammer = new Hammer(bucket, 4)) {
      hammer.awaitMore(hammer.answers::get, 50);
      server.kill();
      hammer.awaitMore(hammer.failures::get, 50);
      server.restart();
      hammer.awaitMore(hammer.answers::get, 50);
      assertWithinTimeout(hammer);
    }
  }

  @Test
  void aFrozenServerTimesCallsOutAndAnswersAgainWhenThawed() {
    try (Hammer hammer = new Hammer(bucket, 4)) {
      hammer.awaitMore(hammer.answers::get, 50);
      server.pause();
      try {
        hammer.awaitMore(hammer.failures::get, 8);
      } finally {
        server.resume();
      }
      hammer.awaitMore(hammer.answers::get, 50);
      assertWithinTimeout(hammer);
      assertTrue(hammer.failureMessages().stream().anyMatch(m -> m.endsWith("no answer within 200 ms")),
          hammer.failureMessages().toString());
    }
  }

  @Test
  void anInterruptedCallerWaitsTheWholeTimeoutAndKeepsItsInterrupt() {
    server.pause();
    Thread.currentThread().interrupt();
    try {
      long start = System.nanoTime();
      StoreException e = assertThrows(StoreException.class, () -> bucket.reserve(0));
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(e.getMessage().endsWith("no answer within 200 ms"), e.getMessage());
      assertTrue(tookMillis >= TIMEOUT_MILLIS && tookMillis <= TIMEOUT_MILLIS + MARGIN_MILLIS, tookMillis + " ms");
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
      server.resume();
    }
  }

  @Test
  void aSleepingServerTimesCallsOut() throws InterruptedException {
    try (Hammer hammer = new Hammer(bucket, 2)) {
      hammer.awaitMore(hammer.answers::get, 50);
      Thread sleeper = new Thread(() -> server.call("DEBUG", "SLEEP", "1"));
      sleeper.start();
      hammer.awaitMore(hammer.failures::get, 4);
      sleeper.join();
      hammer.awaitMore(hammer.answers::get, 50);
      assertWithinTimeout(hammer);
    }
  }

  @Test
  void aRestartedServerIsAFullBucket() {
    while (bucket.reserve(0) == 0) {
      // empty it
    }
    server.stop();
    server.restart();
    assertEquals(10, Connected.once(bucket::availablePermits));
  }

  @Test
  void aServerStartedAfterTheStoreIsConnectedToByALaterCall() {
    server.stop();
    BucketStore store = Connected.open(server.uri(), "connectTimeoutMillis", "2000");
    SharedBucket later = store.bucket("later", FAST);
    StoreException down = assertThrows(StoreException.class,
        () -> {
          for (;;) {
            later.reserve(0); // answers nothing once the first attempt has failed
          }
        });
    assertTrue(down.getMessage().startsWith("Redis store " + server.uri() + ": "), down.getMessage());
    server.restart();
    assertEquals(0, Connected.once(() -> later.reserve(0)));
  }

  private static void assertWithinTimeout(Hammer hammer) {
    assertEquals(List.of(), hammer.unexpected());
    assertTrue(hammer.longestMillis() <= TIMEOUT_MILLIS + MARGIN_MILLIS, hammer.toString());
  }
}
