package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server with a password: it is used, and never shown in a description or any failure. */
class PasswordTest {

  private static final String PASSWORD = "s3cr3t-pw";
  private static final RateLimiterConfig CONFIG = new RateLimiterConfig(10, 2, 0);

  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.start("--requirepass", PASSWORD);
  }

  @AfterAll
  static void stop() {
    RedisStores.closeAll();
    server.close();
  }

  private static String uri(String password) {
    return "redis://:" + password + "@127.0.0.1:" + server.port();
  }

  @Test
  void theRightPasswordIsUsedAndMasked() {
    BucketStore store = Connected.open(uri(PASSWORD));
    assertEquals("redis://:****@127.0.0.1:" + server.port(), store.describe());
    SharedBucket bucket = store.bucket("guarded", CONFIG);
    assertEquals(0, Connected.once(() -> bucket.reserve(0)));
    assertEquals("string", server.callWithPassword(PASSWORD, "TYPE", "warden:{guarded}"));
  }

  @Test
  void aWrongPasswordFailsWithoutShowingEitherPassword() {
    BucketStore store = Connected.open(uri("wr0ng-pw"));
    SharedBucket bucket = store.bucket("refused", CONFIG);
    StoreException e = refusal(bucket);
    assertTrue(e.getMessage().contains("cannot connect") && e.getMessage().contains("WRONGPASS"), e.getMessage());
    assertFalse(everything(e).contains("wr0ng-pw"), everything(e));
    assertFalse(everything(e).contains(PASSWORD), everything(e));
  }

  @Test
  void failuresOfAServerThatIsGoneShowNoPassword() {
    try (RedisServer gone = RedisServer.start("--requirepass", PASSWORD)) {
      String uri = "redis://:" + PASSWORD + "@127.0.0.1:" + gone.port();
      SharedBucket bucket = Connected.open(uri, "timeoutMillis", "200").bucket("gone", CONFIG);
      Connected.once(() -> bucket.reserve(0));
      gone.stop();
      StoreException e = assertThrows(StoreException.class, () -> bucket.reserve(0));
      assertFalse(everything(e).contains(PASSWORD), everything(e));
    }
  }

  /** The first failure that is not "not connected yet": the end of the first attempt. */
  private static StoreException refusal(SharedBucket bucket) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (;;) {
      StoreException e = assertThrows(StoreException.class, () -> bucket.reserve(0));
      if (!e.getMessage().contains("not connected yet") || System.nanoTime() > deadline) {
        return e;
      }
    }
  }

  /** The messages and stack traces of {@code e} and all its causes. */
  private static String everything(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
