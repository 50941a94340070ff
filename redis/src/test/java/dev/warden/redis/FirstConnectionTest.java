package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first connection may take up to {@code connectTimeoutMillis}, handshake included, whatever
 * the (much shorter) timeout of a call.
 */
class FirstConnectionTest {

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
  void aHandshakeSlowerThanTheCallTimeoutButWithinTheConnectTimeoutConnects() throws InterruptedException {
    server.pause(); // the kernel still accepts the connection; the handshake gets no answer
    BucketStore store = Connected.open(server.uri(), "timeoutMillis", "50", "connectTimeoutMillis", "30000");
    SharedBucket bucket = store.bucket("first", new RateLimiterConfig(1_000, 10, 0));
    TimeUnit.MILLISECONDS.sleep(500); // ten call timeouts: the handshake is pending all along
    server.resume();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (;;) {
      try {
        assertEquals(0, bucket.reserve(0));
        return;
      } catch (StoreException e) {
        // the first attempt must still be pending: a failed one says why it failed instead
        assertTrue(e.getMessage().contains("not connected yet"), e.getMessage());
        assertTrue(System.nanoTime() < deadline, "still not connected after 20 s");
        TimeUnit.MILLISECONDS.sleep(5);
      }
    }
  }
}
