package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Reconfigurer;
import dev.warden.runtime.internal.Registries;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A guard site reads its guards' numbers as each call (or each retry decision) starts, on a fake
 * clock: a change applies to the calls that start afterwards, and a running call keeps its time
 * limit.
 */
class ReconfigureSiteTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  @AfterEach
  void noInterruptLeft() {
    assertFalse(Thread.interrupted(), "a test left the interrupt flag set");
  }

  static class Fixture {
    @Throttled(name = "rs.throttled", callsPerSecond = 10, burst = 1, maxWaitMillis = 0)
    void throttled() {}

    @Timeout(name = "rs.timeout", millis = 100, interrupt = false)
    void timed() {}

    @Timeout(name = "rs.async", millis = 100, interrupt = false)
    CompletableFuture<String> timedAsync() {
      return null;
    }

    @Retry(name = "rs.retry", maxAttempts = 2, delayMillis = 10, jitter = 0)
    void retried() {}
  }

  private GuardSite site(String method) {
    return Protocol.site(registry, timer, Fixture.class, method);
  }

  private void reconfigure(String name, String attribute, String value) {
    Reconfigurer.reconfigure(registry, name, attribute, value);
  }

  @Test
  void aLimitersNewWaitAppliesToTheNextCall() throws Exception {
    GuardSite site = site("throttled");
    Protocol.call(site, () -> null);
    assertThrows(ThrottledException.class, () -> Protocol.call(site, () -> null));
    reconfigure("rs.throttled", "maxWaitMillis", "100");
    long before = time.peek();
    Protocol.call(site, () -> null);
    assertEquals(100_000_000L, time.peek() - before, "parked for the token due in 100 ms");
  }

  @Test
  void aNewTimeLimitAppliesToTheCallsThatStartAfterwards() throws Exception {
    GuardSite site = site("timed");
    CallTimeoutException slow = assertThrows(CallTimeoutException.class, () -> Protocol.call(site, () -> {
      time.advanceMillis(150);
      return null;
    }));
    assertEquals(100, slow.millis());
    reconfigure("rs.timeout", "millis", "200");
    Protocol.call(site, () -> {
      time.advanceMillis(150);
      return null;
    });
    CallTimeoutException started = assertThrows(CallTimeoutException.class, () -> Protocol.call(site, () -> {
      reconfigure("rs.timeout", "millis", "1000"); // while the call runs: it keeps its limit
      time.advanceMillis(250);
      return null;
    }));
    assertEquals(200, started.millis(), "the limit the call started with");
    Protocol.call(site, () -> {
      time.advanceMillis(250);
      return null;
    });
  }

  @Test
  void anAsynchronousCallKeepsTheLimitItStartedWith() throws Exception {
    GuardSite site = site("timedAsync");
    CompletableFuture<String> own = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> caller = (CompletableFuture<String>) Protocol.call(site, () -> {
      reconfigure("rs.async", "millis", "1000");
      return own;
    });
    time.advanceMillis(150);
    timer.scanOnce();
    ExecutionException e = assertThrows(ExecutionException.class, caller::get);
    assertEquals(100, ((CallTimeoutException) e.getCause()).millis());
  }

  @Test
  void retryNumbersAreReadAtEachDecisionAlsoByARunningCall() throws Exception {
    GuardSite site = site("retried");
    AtomicInteger attempts = new AtomicInteger();
    assertThrows(IllegalStateException.class, () -> Protocol.callRetrying(site, () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException();
    }));
    assertEquals(2, attempts.get());
    reconfigure("rs.retry", "maxAttempts", "4");
    reconfigure("rs.retry", "delayMillis", "30");
    attempts.set(0);
    long before = time.peek();
    assertThrows(IllegalStateException.class, () -> Protocol.callRetrying(site, () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException();
    }));
    assertEquals(4, attempts.get());
    assertEquals((30 + 60 + 120) * 1_000_000L, time.peek() - before, "the new delays, doubling");
    attempts.set(0);
    assertThrows(IllegalStateException.class, () -> Protocol.callRetrying(site, () -> {
      if (attempts.incrementAndGet() == 2) {
        reconfigure("rs.retry", "maxAttempts", "2"); // a retry storm is cut short at the next decision
      }
      throw new IllegalStateException();
    }));
    assertEquals(2, attempts.get());
  }
}
