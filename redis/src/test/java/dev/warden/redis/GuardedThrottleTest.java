package dev.warden.redis;

import static dev.warden.redis.GuardedCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import dev.warden.runtime.site.GuardSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code @Throttled} method put into Redis by configuration alone ({@code warden.<name>.store},
 * {@code warden.store}, {@code warden.redis.uri}), called through its guard site as generated
 * code calls it.
 */
class GuardedThrottleTest {

  /** The guards' rate and burst (see {@link E2eGuards}). */
  private static final RateLimiterConfig BURST_3 = new RateLimiterConfig(0.01, 3, 0);
  /** Generous: a call past it would fall back to the local bucket and spoil the counts. */
  private static final String TIMEOUT_MILLIS = "2000";

  private static RedisServer server;

  private final GuardedCalls calls = new GuardedCalls();

  @BeforeAll
  static void start() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    RedisStores.closeAll();
    server.close();
  }

  @AfterEach
  void clearProperties() {
    calls.close();
  }

  /** Configures guard {@code name} into the test's Redis and waits for the store's connection. */
  private void storeInRedis(String name, RateLimiterConfig config) {
    calls.set("warden." + name + ".store", "redis")
        .set("warden.redis.uri", server.uri())
        .set("warden.redis.timeoutMillis", TIMEOUT_MILLIS);
    GuardedCalls.connect(server.uri(), name, config, "timeoutMillis", TIMEOUT_MILLIS);
  }

  private static long exists(String name) {
    return (Long) server.call("EXISTS", "warden:{" + name + "}");
  }

  @Test
  void admitsExactlyBurstThenRejectsByTheBucketInRedis() {
    String name = "e2e.burst";
    storeInRedis(name, BURST_3);
    GuardSite site = GuardSite.forMethod(E2eGuards.class, "burst");
    for (int i = 0; i < 3; i++) {
      assertEquals("ok", call(site));
    }
    for (int i = 0; i < 2; i++) {
      assertEquals(name, assertThrows(ThrottledException.class, () -> call(site)).guardName());
    }
    assertEquals(1, exists(name));
    long pttl = (Long) server.call("PTTL", "warden:{" + name + "}");
    assertTrue(pttl > 0 && pttl <= 300_000 + 2, "expires once the bucket is full again (300 s): " + pttl);
    RateLimiter limiter = Warden.rateLimiter(name).orElseThrow();
    assertEquals(server.uri(), limiter.store());
    assertEquals(0, limiter.availablePermits());

    server.call("DEL", "warden:{" + name + "}");
    for (int i = 0; i < 3; i++) {
      assertEquals("ok", call(site), "Redis decides: an emptied key is a full bucket again");
    }
    assertThrows(ThrottledException.class, () -> call(site));
  }

  @Test
  void guardsOfTwoLoadersWithLimitersOfTheirOwnShareTheBucket(@TempDir Path dir) throws IOException {
    String name = "e2e.loaders";
    storeInRedis(name, BURST_3);
    GuardSite first = GuardSite.forMethod(E2eGuards.class, "loaders");
    RateLimiter firstLimiter = Warden.rateLimiter(name).orElseThrow();
    // The other application sets another maxWaitMillis (the bucket in Redis depends on rate and
    // burst alone), so that the registry gives it a limiter of its own.
    Path properties = Files.writeString(dir.resolve("warden.properties"), "warden." + name + ".maxWaitMillis=1\n");
    Class<?> copy = new CopyingLoader(E2eGuards.class, properties.toUri().toURL()).copy();
    GuardSite second = GuardSite.forMethod(copy, "loaders");
    RateLimiter secondLimiter = Warden.rateLimiter(name).orElseThrow();
    assertNotSame(firstLimiter, secondLimiter);
    assertEquals(1, secondLimiter.config().maxWaitMillis());
    assertEquals(server.uri(), secondLimiter.store());

    assertEquals("ok", call(first));
    assertEquals("ok", call(second));
    assertEquals("ok", call(first));
    assertThrows(ThrottledException.class, () -> call(second), "each limiter's own bucket would still admit");
    assertThrows(ThrottledException.class, () -> call(first));
    assertEquals(0, firstLimiter.availablePermits());
    assertEquals(0, secondLimiter.availablePermits());
  }

  @Test
  void aBadUriFailsEveryCallNamingTheKeyAndRegistersNothing() {
    String name = "e2e.badUri";
    calls.set("warden." + name + ".store", "redis").set("warden.redis.uri", "redis://host:notaport");
    GuardSite site = GuardSite.forMethod(E2eGuards.class, "badUri");
    for (int i = 0; i < 2; i++) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> call(site));
      assertEquals("warden.redis.uri", e.attribute());
      assertEquals("redis://host:notaport", e.value());
      assertTrue(e.getMessage().startsWith("warden.redis.uri must be redis://"), e.getMessage());
      assertTrue(e.getMessage().endsWith(
          "(store chosen by warden." + name + ".store=redis, system property)"), e.getMessage());
    }
    assertFalse(Warden.rateLimiter(name).isPresent(), "nothing registered");
  }

  @Test
  void aGuardOptsOutOfTheGlobalStore() {
    calls.set("warden.store", "redis").set("warden.e2e.optedOut.store", "local");
    RateLimiterConfig burst2 = new RateLimiterConfig(0.01, 2, 0);
    storeInRedis("e2e.global", burst2); // the control: warden.store=redis applies to it
    GuardSite optedOut = GuardSite.forMethod(E2eGuards.class, "optedOut");
    GuardSite global = GuardSite.forMethod(E2eGuards.class, "global");
    for (GuardSite site : new GuardSite[] {optedOut, global}) {
      assertEquals("ok", call(site));
      assertEquals("ok", call(site));
      assertThrows(ThrottledException.class, () -> call(site));
    }
    assertEquals("local", Warden.rateLimiter("e2e.optedOut").orElseThrow().store());
    assertEquals(0, exists("e2e.optedOut"));
    assertEquals(server.uri(), Warden.rateLimiter("e2e.global").orElseThrow().store());
    assertEquals(1, exists("e2e.global"));
  }

  @Test
  void aBogusPolicyFailsEveryCallOfALocalGuard() {
    String key = "warden.e2e.bogusPolicy.onStoreFailure";
    calls.set(key, "bogus");
    GuardSite site = GuardSite.forMethod(E2eGuards.class, "bogusPolicy");
    for (int i = 0; i < 2; i++) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> call(site));
      assertEquals(key, e.attribute());
      assertEquals(key + " must be one of local, allow, reject, got 'bogus' (system property)", e.getMessage());
    }
    assertFalse(Warden.rateLimiter("e2e.bogusPolicy").isPresent(), "nothing registered");
  }
}
