package dev.warden.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: a missing binary is named with the way to get one; a server restarts on its port. */
class RedisServerTest {

  @Test
  void aMissingBinaryFailsNamingTheInstallCommand() {
    String before = System.getProperty("warden.test.redisServer");
    System.setProperty("warden.test.redisServer", "/nonexistent/redis-server");
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, RedisServer::start);
      assertTrue(e.getMessage().contains("/nonexistent/redis-server is not an executable file")
          && e.getMessage().contains("apt-get install redis-server"), e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty("warden.test.redisServer");
      } else {
        System.setProperty("warden.test.redisServer", before);
      }
    }
  }

  @Test
  void aServerStopsAndStartsAgainOnItsPortEmpty() {
    try (RedisServer server = RedisServer.start()) {
      server.call("SET", "k", "v");
      int port = server.port();
      server.stop();
      server.restart();
      assertEquals(port, server.port());
      assertEquals("PONG", server.call("PING"));
      assertEquals(0L, server.call("EXISTS", "k"), "no persistence");
      assertEquals(List.of("enable-debug-command", "local"), server.call("CONFIG", "GET", "enable-debug-command"));
    }
  }
}
