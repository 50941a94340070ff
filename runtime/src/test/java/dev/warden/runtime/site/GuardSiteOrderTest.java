package dev.warden.runtime.site;

import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.ThrottledException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The order {@code CountCalls(Breaker(Throttled(method)))}, on a fake clock. */
class GuardSiteOrderTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final AtomicInteger runs = new AtomicInteger();

  static class Fixture {
    @CountCalls(name = "order.open.stats")
    @Breaker(name = "order.open.breaker", failureThreshold = 1, cooldownMillis = 10_000)
    @Throttled(name = "order.open.limit", callsPerSecond = 1, burst = 1, maxWaitMillis = 0)
    void open() {}

    @CountCalls(name = "order.half.stats")
    @Breaker(name = "order.half.breaker", failureThreshold = 1, cooldownMillis = 1_000, halfOpenCalls = 1)
    @Throttled(name = "order.half.limit", callsPerSecond = 0.5, burst = 1, maxWaitMillis = 0)
    void half() {}

    @CountCalls(name = "order.inner.stats")
    @Breaker(name = "order.inner.breaker", failureThreshold = 1)
    void inner() {}

    @CountCalls(name = "order.wait.stats")
    @Throttled(name = "order.wait.limit", callsPerSecond = 1, burst = 1, maxWaitMillis = Long.MAX_VALUE)
    void waitForever() {}
  }

  private Object succeed(GuardSite site) throws Exception {
    return Protocol.call(site, () -> runs.incrementAndGet());
  }

  private void fail(GuardSite site) {
    assertThrows(IOException.class, () -> Protocol.call(site, () -> {
      runs.incrementAndGet();
      throw new IOException("boom");
    }));
  }

  @Test
  void anOpenCircuitSpendsNoPermitAndTheCounterSeesTheRejection() throws Exception {
    GuardSite site = Protocol.site(registry, Fixture.class, "open");
    RateLimiter limiter = registry.findLimiter("order.open.limit");
    CallStats stats = registry.findStats("order.open.stats");

    fail(site);
    assertEquals(CircuitBreaker.State.OPEN, registry.findBreaker("order.open.breaker").state());
    time.advanceMillis(1_000);
    assertEquals(1, limiter.availablePermits());

    CircuitOpenException rejected = assertThrows(CircuitOpenException.class, () -> succeed(site));
    assertEquals("order.open.breaker", rejected.guardName());
    assertEquals(CircuitBreaker.State.OPEN, rejected.state());
    assertEquals(1, limiter.availablePermits(), "the open circuit spent no permit");
    assertEquals(1, runs.get());
    assertEquals(2, stats.calls());
    assertEquals(0, stats.successes());
    assertEquals(1, stats.failures());
    assertEquals(1, stats.rejections());
    assertEquals(0, stats.inFlight());
  }

  @Test
  void aThrottledTrialReleasesItsHalfOpenSlotAndIsNoFailure() throws Exception {
    GuardSite site = Protocol.site(registry, Fixture.class, "half");
    CircuitBreaker breaker = registry.findBreaker("order.half.breaker");
    CallStats stats = registry.findStats("order.half.stats");

    fail(site);
    time.advanceMillis(1_000);
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
    ThrottledException throttled = assertThrows(ThrottledException.class, () -> succeed(site));
    assertEquals("order.half.limit", throttled.guardName());
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state(), "a throttled trial is no failure");

    time.advanceMillis(1_000);
    succeed(site);
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "the released slot admitted a trial");
    assertEquals(2, runs.get());
    assertEquals(3, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(1, stats.failures());
    assertEquals(1, stats.rejections());
  }

  @Test
  void aRejectionOfANestedGuardThrownByTheBodyIsNoBreakerFailure() {
    GuardSite site = Protocol.site(registry, Fixture.class, "inner");
    ThrottledException nested = new ThrottledException("some.other.guard");
    ThrottledException thrown = assertThrows(ThrottledException.class, () -> Protocol.call(site, () -> {
      throw nested;
    }));
    assertSame(nested, thrown, "passes through unchanged");
    assertEquals(CircuitBreaker.State.CLOSED, registry.findBreaker("order.inner.breaker").state());
    CallStats stats = registry.findStats("order.inner.stats");
    assertEquals(1, stats.failures(), "the method did throw");
    assertEquals(0, stats.rejections(), "no guard of this method rejected it");
  }

  @Test
  void maximalMaxWaitParksForTheNextToken() throws Exception {
    GuardSite site = Protocol.site(registry, Fixture.class, "waitForever");
    succeed(site);
    long before = time.peek();
    succeed(site);
    assertEquals(1, time.parks());
    assertEquals(before + 1_000_000_000L, time.peek());
    assertEquals(2, registry.findStats("order.wait.stats").successes());
  }

  @Test
  void theSitesReturnValueIsTheBodys() throws Exception {
    GuardSite site = Protocol.site(registry, Fixture.class, "waitForever");
    assertEquals(1, succeed(site));
    assertInstanceOf(Integer.class, succeed(site));
  }
}
