package dev.warden.redis;

import static dev.warden.redis.GuardedCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.site.GuardSite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A guarded method whose Redis stops, for each {@code onStoreFailure} policy: the calls follow
 * the policy and none waits longer than the timeout (plus a margin for a busy machine); one
 * WARNING for the outage, one INFO once the restarted server answers a probe; from then on Redis
 * decides again.
 */
class GuardOutageTest {

  private static final long TIMEOUT_MILLIS = 500;
  /** No call may take longer than the timeout plus this. */
  private static final long MARGIN_MILLIS = 1_000;
  private static final RateLimiterConfig BURST_3 = new RateLimiterConfig(0.01, 3, 0);
  private static final int CALLS_DURING_OUTAGE = 8;

  private final GuardedCalls calls = new GuardedCalls();
  private final List<Long> callMillis = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void clear() {
    calls.close();
  }

  @Test
  void localAdmitsByTheProcesssOwnBucket() throws InterruptedException {
    // burst 3, of which the call through Redis before the outage took one
    outage("local", "outageLocal", List.of(true, true, false, false, false, false, false, false));
  }

  @Test
  void allowAdmitsEveryCall() throws InterruptedException {
    outage("allow", "outageAllow", Collections.nCopies(CALLS_DURING_OUTAGE, true));
  }

  @Test
  void rejectRefusesEveryCall() throws InterruptedException {
    outage("reject", "outageReject", Collections.nCopies(CALLS_DURING_OUTAGE, false));
  }

  /**
   * @param policy the guard's {@code onStoreFailure}
   * @param method its method in {@link E2eGuards}, of guard {@code e2e.outage.<policy>}
   * @param expected whether each call while Redis is down is admitted
   */
  private void outage(String policy, String method, List<Boolean> expected) throws InterruptedException {
    String name = "e2e.outage." + policy;
    String key = "warden:{" + name + "}";
    try (RedisServer server = RedisServer.start(); StoreLog log = new StoreLog()) {
      calls.set("warden." + name + ".store", "redis")
          .set("warden." + name + ".onStoreFailure", policy)
          .set("warden.redis.uri", server.uri())
          .set("warden.redis.timeoutMillis", Long.toString(TIMEOUT_MILLIS))
          .set("warden.redis.connectTimeoutMillis", "2000");
      GuardedCalls.connect(server.uri(), name, BURST_3,
          "timeoutMillis", Long.toString(TIMEOUT_MILLIS), "connectTimeoutMillis", "2000");
      GuardSite site = GuardSite.forMethod(E2eGuards.class, method);
      assertEquals("ok", call(site));
      assertEquals(1L, server.call("EXISTS", key));

      server.stop();
      List<Boolean> admitted = new ArrayList<>();
      for (int i = 0; i < CALLS_DURING_OUTAGE; i++) {
        admitted.add(admitted(site));
      }
      assertEquals(expected, admitted, policy);
      String down = "Warden store " + server.uri() + " fails: ";
      List<String> warnings = log.messages("WARNING", down);
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).endsWith("; calls follow their guard's onStoreFailure policy (guard '" + name + "': "
          + policy + ") until it answers again"), warnings.get(0));

      server.restart();
      String up = "Warden store " + server.uri() + " answers again after ";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (log.messages("INFO", up).isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "no probe succeeded within 20 s of the restart");
        admitted(site);
        Thread.sleep(20);
      }
      assertEquals(1L, server.call("EXISTS", key), "the probe went to the restarted (empty) Redis");
      server.call("DEL", key);
      for (int i = 0; i < 3; i++) {
        assertEquals("ok", call(site), "Redis decides again: a full bucket");
      }
      assertThrows(ThrottledException.class, () -> call(site));

      assertEquals(1, log.messages("INFO", "Warden store " + server.uri()).size(), "one INFO on recovery");
      assertEquals(1, log.messages("WARNING", "Warden store " + server.uri()).size(), "one WARNING per outage");
      long longest = Collections.max(callMillis);
      assertTrue(longest <= TIMEOUT_MILLIS + MARGIN_MILLIS, "the longest call took " + longest + " ms");
    } finally {
      RedisStores.closeAll();
    }
  }

  /** Whether one call through {@code site} was admitted; records how long it took. */
  private boolean admitted(GuardSite site) {
    long start = System.nanoTime();
    try {
      call(site);
      return true;
    } catch (ThrottledException e) {
      return false;
    } finally {
      callMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
  }
}
