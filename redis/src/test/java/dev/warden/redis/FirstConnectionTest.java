package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opening a store waits for its first connection, handshake included, up to {@code
 * connectTimeoutMillis} (whatever the much shorter timeout of a call), so that the first calls of
 * a JVM are decided by Redis, not by the failure policy; a first attempt that fails or takes too
 * long ends the wait, and calls then fail at once.
 */
class FirstConnectionTest {

  private static final RateLimiterConfig CONFIG = new RateLimiterConfig(1_000, 10, 0);
  /** No wait may take longer than its bound plus this. */
  private static final long MARGIN_MILLIS = 2_000;

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
  void theFirstCallAfterOpeningIsDecidedByRedis() {
    BucketStore store = Connected.open(server.uri(), "timeoutMillis", "1000");
    assertEquals(0, store.bucket("first-call", CONFIG).reserve(0));
  }

  @Test
  void aHandshakeSlowerThanTheCallTimeoutButWithinTheConnectTimeoutConnects() throws Exception {
    server.pause(); // the kernel still accepts the connection; the handshake gets no answer
    Thread resumer = new Thread(() -> {
      sleepMillis(500); // ten call timeouts
      server.resume();
    });
    resumer.start();
    long start = System.nanoTime();
    BucketStore store = Connected.open(server.uri(), "timeoutMillis", "50", "connectTimeoutMillis", "30000");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    resumer.join();
    assertTrue(tookMillis >= 450, "opened before the server answered: " + tookMillis + " ms");
    assertEquals(0, Connected.once(() -> store.bucket("slow-handshake", CONFIG).reserve(0)));
  }

  @Test
  void aFirstConnectionThatNeverCompletesEndsTheWaitAtTheConnectTimeout() throws Exception {
    try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      BucketStore store = Connected.open("redis://127.0.0.1:" + mute.getLocalPort(),
          "connectTimeoutMillis", "300");
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(tookMillis >= 250 && tookMillis <= 300 + MARGIN_MILLIS, tookMillis + " ms");
      SharedBucket pending = store.bucket("never", CONFIG);
      for (int i = 0; i < 3; i++) {
        long callStart = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, () -> pending.reserve(0));
        long callMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - callStart);
        assertTrue(callMillis < MARGIN_MILLIS, callMillis + " ms");
        assertTrue(e.getMessage().contains("cannot connect") || e.getMessage().contains("not connected yet"),
            e.getMessage());
      }
    }
  }

  private static void sleepMillis(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
