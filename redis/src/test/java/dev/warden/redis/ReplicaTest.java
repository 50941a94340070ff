package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server that turns into a read-only replica (a failover behind one address) is connected to anew. */
class ReplicaTest {

  @Test
  void aReadOnlyReplyDropsTheConnectionAndAPrimaryAgainIsUsed() {
    try (RedisServer server = RedisServer.start(); RedisServer primary = RedisServer.start()) {
      SharedBucket bucket = Connected.open(server.uri(), "timeoutMillis", "2000")
          .bucket("failover", new RateLimiterConfig(1_000, 10, 0));
      assertEquals(0, Connected.once(() -> bucket.reserve(0)));
      String before = bucketConnection(server);
      server.call("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
      StoreException readOnly = firstFailure(bucket);
      assertTrue(readOnly.getMessage().contains("read-only replica") && readOnly.getMessage().contains("READONLY"),
          readOnly.getMessage());
      server.call("REPLICAOF", "NO", "ONE");
      assertEquals(0, Connected.once(() -> bucket.reserve(0)));
      String after = bucketConnection(server);
      assertTrue(!after.equals(before), "a new connection was made: " + before + " then " + after);
    }
  }

  private static StoreException firstFailure(SharedBucket bucket) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        bucket.reserve(0);
      } catch (StoreException e) {
        return e;
      }
    }
    throw new AssertionError("No failure within 20 s");
  }

  /** {@return the id of the connection that last ran the bucket script} */
  private static String bucketConnection(RedisServer server) {
    String clients = (String) server.call("CLIENT", "LIST");
    List<String> ids = clients.lines().filter(l -> l.contains(" cmd=evalsha "))
        .map(l -> l.substring(0, l.indexOf(' '))).toList();
    assertEquals(1, ids.size(), clients);
    return ids.get(0);
  }
}
