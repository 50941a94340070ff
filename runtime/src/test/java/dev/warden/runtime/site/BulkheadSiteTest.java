package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.Allocations;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.Warden;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** {@code @Bulkhead} at the site: slots, waiting on a fake clock, rejections, fallbacks, async, order. */
class BulkheadSiteTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);

  static class Fixture {
    @CountCalls(name = "bh.run")
    @Bulkhead(name = "bh.run", maxConcurrent = 3, maxWaitMillis = Long.MAX_VALUE)
    void run() {}

    @CountCalls(name = "bh.full")
    @Breaker(name = "bh.full", failureThreshold = 1)
    @Bulkhead(name = "bh.full", maxConcurrent = 1)
    String full() {
      return "ran";
    }

    @Bulkhead(name = "bh.wait", maxConcurrent = 1, maxWaitMillis = 50)
    void waits() {}

    @Bulkhead(name = "bh.handOver", maxConcurrent = 1, maxWaitMillis = Long.MAX_VALUE)
    void handOver() {}

    @Bulkhead(name = "bh.fallback", maxConcurrent = 1, fallback = "busy")
    String withFallback(String who) {
      return "ran " + who;
    }

    String busy(String who) {
      return "busy " + who;
    }

    @Bulkhead(name = "bh.fallbackTakingIt", maxConcurrent = 1, fallback = "told")
    String withFallbackTakingIt() {
      return "ran";
    }

    String told(BulkheadFullException e) {
      return e.getMessage();
    }

    @CountCalls(name = "bh.async")
    @Bulkhead(name = "bh.async", maxConcurrent = 1)
    CompletableFuture<String> async() {
      return null;
    }

    @CountCalls(name = "bh.order")
    @Breaker(name = "bh.order", failureThreshold = 1, cooldownMillis = 60_000)
    @Throttled(name = "bh.order", callsPerSecond = 1e-3, burst = 5, maxWaitMillis = 0)
    @Bulkhead(name = "bh.order", maxConcurrent = 1)
    void order() {}

    @Bulkhead(name = "bh.zeroBytes", maxConcurrent = 2)
    void zeroBytes() {}
  }

  private GuardSite site(String method, Class<?>... parameterTypes) {
    return Protocol.site(registry, Fixture.class, method, parameterTypes);
  }

  @Test
  void neverMoreThanMaxConcurrentRunAtOnceAndEveryCallRuns() throws Exception {
    GuardRegistry real = Registries.create(TimeSource.SYSTEM);
    GuardSite site = Protocol.site(real, Fixture.class, "run");
    int threads = 8;
    int calls = 5_000;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(threads);
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < calls; i++) {
            Protocol.call(site, () -> {
              int now = running.incrementAndGet();
              most.accumulateAndGet(now, Math::max);
              Thread.yield();
              running.decrementAndGet();
              return null;
            });
          }
        } catch (Throwable e) {
          error.compareAndSet(null, e);
        }
      });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    assertNull(error.get());
    assertEquals(3, most.get(), "at most 3 at once, and 8 threads did reach 3");
    CallStats stats = real.findStats("bh.run");
    assertEquals(threads * calls, stats.successes(), "waiting without limit, every call ran");
    assertEquals(0, stats.rejections());
    ConcurrencyLimiter bulkhead = real.findBulkhead("bh.run");
    assertEquals(3, bulkhead.available());
    assertEquals(0, bulkhead.waiting());
  }

  @Test
  void aCallFindingNoSlotIsRejectedAtOnceAndIsNoBreakerFailure() throws Exception {
    GuardSite site = site("full");
    Object held = site.enter();
    Object refused = site.enter();
    assertInstanceOf(GuardRejectedException.class, refused);
    assertEquals(0, time.parks(), "maxWaitMillis = 0: rejected without parking");
    BulkheadFullException e = assertThrows(BulkheadFullException.class, () -> site.rejected(refused, null, null));
    assertEquals("bh.full", e.guardName());
    assertEquals("Bulkhead 'bh.full' is full", e.getMessage());
    assertNull(e.getCause());
    site.onReturn(held, "ran");

    CircuitBreaker breaker = registry.findBreaker("bh.full");
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "threshold 1, yet closed");
    assertEquals(0, breaker.consecutiveFailures());
    CallStats stats = registry.findStats("bh.full");
    assertEquals(2, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(1, stats.rejections());
    assertEquals(0, stats.failures());
    assertEquals(1, registry.findBulkhead("bh.full").rejections());
    assertEquals("ran", Protocol.call(site, () -> "ran"), "the slot was given back");
  }

  @Test
  void aCallWaitsForASlotUpToMaxWaitMillisThenIsRejected() {
    GuardSite site = site("waits");
    Object held = site.enter();
    long before = time.peek();
    Object refused = site.enter();
    assertInstanceOf(GuardRejectedException.class, refused);
    assertEquals(1, time.parks());
    assertEquals(TimeUnit.MILLISECONDS.toNanos(50), time.peek() - before, "waited exactly maxWaitMillis");
    site.onSuccess(held);
    assertEquals(1, registry.findBulkhead("bh.wait").available());
  }

  @Test
  void aWaitingCallGetsTheSlotAReleaseHandsOver() throws Exception {
    GuardRegistry real = Registries.create(TimeSource.SYSTEM);
    GuardSite site = Protocol.site(real, Fixture.class, "handOver");
    Object held = site.enter();
    AtomicReference<Object> second = new AtomicReference<>();
    Thread waiter = new Thread(() -> second.set(site.enter()));
    waiter.start();
    ConcurrencyLimiter bulkhead = real.findBulkhead("bh.handOver");
    while (bulkhead.waiting() == 0) {
      Thread.onSpinWait();
    }
    site.onSuccess(held);
    waiter.join();
    assertFalse(second.get() instanceof GuardRejectedException, "admitted: " + second.get());
    assertEquals(0, bulkhead.available());
    site.onSuccess(second.get());
    assertEquals(1, bulkhead.available());
  }

  @Test
  void anInterruptWhileWaitingRejectsWithTheCauseAndKeepsTheFlag() {
    GuardSite site = site("waits");
    Object held = site.enter();
    Thread.currentThread().interrupt();
    Object refused = site.enter();
    try {
      assertTrue(Thread.currentThread().isInterrupted(), "the flag is kept");
      BulkheadFullException e = assertThrows(BulkheadFullException.class, () -> site.rejected(refused, null, null));
      assertInstanceOf(InterruptedException.class, e.getCause());
      assertEquals("Interrupted while waiting for a slot of bulkhead 'bh.wait'", e.getMessage());
    } finally {
      Thread.interrupted();
      site.onSuccess(held);
    }
  }

  @Test
  void aFreeSlotIsTakenWhateverTheInterruptFlag() {
    GuardSite site = site("waits");
    Thread.currentThread().interrupt();
    try {
      Object permit = site.enter();
      assertFalse(permit instanceof GuardRejectedException);
      site.onSuccess(permit);
    } finally {
      assertTrue(Thread.interrupted());
    }
  }

  @Test
  void theFallbackAnswersInsteadOfTheRejection() throws Exception {
    GuardSite site = site("withFallback", String.class);
    Object held = site.enter();
    assertEquals("busy ann", Protocol.call(site, new Fixture(), new Object[] {"ann"}, () -> "ran ann"));
    site.onReturn(held, "x");
    GuardSite taking = site("withFallbackTakingIt");
    Object heldToo = taking.enter();
    assertEquals("Bulkhead 'bh.fallbackTakingIt' is full",
        Protocol.call(taking, new Fixture(), new Object[0], () -> "ran"));
    taking.onReturn(heldToo, "x");
  }

  @Test
  void anAsyncCallHoldsItsSlotUntilItsStageCompletes() throws Exception {
    GuardSite site = site("async");
    ConcurrencyLimiter bulkhead = registry.findBulkhead("bh.async");
    CallStats stats = registry.findStats("bh.async");

    CompletableFuture<String> own = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> got = (CompletableFuture<String>) Protocol.call(site, () -> own);
    assertEquals(0, bulkhead.available(), "returned, but its stage runs: the slot is held");
    @SuppressWarnings("unchecked")
    CompletableFuture<String> refused = (CompletableFuture<String>) Protocol.call(site, CompletableFuture::new);
    ExecutionException e = assertThrows(ExecutionException.class, refused::get);
    assertInstanceOf(BulkheadFullException.class, e.getCause());
    own.complete("done");
    assertEquals("done", got.get());
    assertEquals(1, bulkhead.available());

    CompletableFuture<String> failing = new CompletableFuture<>();
    Protocol.call(site, () -> failing);
    failing.completeExceptionally(new IllegalStateException("no"));
    assertEquals(1, bulkhead.available(), "released on failure");

    CompletableFuture<String> cancelled = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> caller = (CompletableFuture<String>) Protocol.call(site, () -> cancelled);
    caller.cancel(true);
    assertTrue(cancelled.isCancelled());
    assertEquals(1, bulkhead.available(), "released on cancellation");

    assertNull(Protocol.call(site, () -> null));
    assertEquals(1, bulkhead.available(), "released on a null stage");
    assertEquals(5, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(3, stats.failures());
    assertEquals(1, stats.rejections());
    assertThrows(CancellationException.class, caller::join);
  }

  @Test
  void aBulkheadRejectionHasSpentAThrottleTokenAndAnOpenCircuitTakesNoSlot() throws Exception {
    GuardSite site = site("order");
    RateLimiter limiter = registry.findLimiter("bh.order");
    ConcurrencyLimiter bulkhead = registry.findBulkhead("bh.order");
    Object held = site.enter();
    assertEquals(4, limiter.availablePermits());
    assertInstanceOf(GuardRejectedException.class, site.enter());
    assertEquals(3, limiter.availablePermits(), "the throttle comes first: the refused call spent a token");
    assertEquals(CircuitBreaker.State.CLOSED, registry.findBreaker("bh.order").state());
    site.onFailure(held, new IllegalStateException("opens"));
    assertEquals(CircuitBreaker.State.OPEN, registry.findBreaker("bh.order").state());
    assertEquals(1, bulkhead.available(), "a failed call gives its slot back");
    Object rejected = site.enter();
    assertThrows(CircuitOpenException.class, () -> site.rejected(rejected, null, null));
    assertEquals(1, bulkhead.available(), "the open circuit took no slot");
    assertEquals(3, limiter.availablePermits(), "and no token");
    CallStats stats = registry.findStats("bh.order");
    assertEquals(3, stats.calls());
    assertEquals(2, stats.rejections());
    assertEquals(1, stats.failures());
  }

  @Test
  void theSuccessPathAllocatesNothing() throws Exception {
    GuardSite site = site("zeroBytes");
    Runnable body = () -> { };
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = Allocations.ofThisThread();
      for (int i = 0; i < 100_000; i++) {
        Object permit = site.enter();
        body.run();
        site.onSuccess(permit);
      }
      least = Math.min(least, Allocations.ofThisThread() - before);
    }
    // anything allocated per call is at least 16 bytes; the measurement itself may allocate a few
    assertEquals(0, least / 100_000, least + " bytes allocated by 100,000 calls");
  }

  @Test
  void theRegistryAndJmxShowTheBulkhead() throws Exception {
    GuardSite site = GuardSite.forMethod(Fixture.class, "withFallback", String.class);
    ConcurrencyLimiter bulkhead = Warden.bulkhead("bh.fallback").orElseThrow();
    Object held = site.enter();
    assertEquals(0, bulkhead.available(), "the site uses the registry's bulkhead");
    ObjectName name = new ObjectName("dev.warden:type=Bulkhead,name=\"bh.fallback\"");
    var server = ManagementFactory.getPlatformMBeanServer();
    assertEquals(1, server.getAttribute(name, "MaxConcurrent"));
    assertEquals(0, server.getAttribute(name, "Available"));
    assertEquals(0L, server.getAttribute(name, "MaxWaitMillis"));
    assertEquals(0, server.getAttribute(name, "Waiting"));
    site.onSuccess(held);
    assertEquals(1, server.getAttribute(name, "Available"));
    assertTrue(Warden.names().contains("bh.fallback"));
  }
}
