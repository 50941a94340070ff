package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.Allocations;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.Warden;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @Timeout} at the site, on a fake clock with the timer driven by hand ({@link
 * TimeoutTimer#scanOnce()}, stages completed on the scanning thread): when a call times out,
 * what the caller gets, what the breaker and the counter see, async stages, and the order.
 */
class TimeoutSiteTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  @AfterEach
  void noInterruptLeft() {
    assertFalse(Thread.interrupted(), "a test left the interrupt flag set");
  }

  static class Fixture {
    @CountCalls(name = "to.sync")
    @Breaker(name = "to.sync", failureThreshold = 2)
    @Timeout(name = "to.sync", millis = 100)
    void sync() {}

    @Timeout(name = "to.patient", millis = 100, interrupt = false)
    String patient() {
      return "late";
    }

    @CountCalls(name = "to.async")
    @Timeout(name = "to.async", millis = 100)
    CompletableFuture<String> async() {
      return null;
    }

    @Timeout(name = "to.asyncPatient", millis = 100, interrupt = false)
    CompletableFuture<String> asyncPatient() {
      return null;
    }

    @CountCalls(name = "to.order")
    @Throttled(name = "to.order", callsPerSecond = 25, burst = 1, maxWaitMillis = 1_000)
    @Bulkhead(name = "to.order", maxConcurrent = 1)
    @Timeout(name = "to.order", millis = 50)
    void order() {}

    @Timeout(name = "to.zeroBytes", millis = 60_000)
    void zeroBytes() {}

    @Timeout(name = "to.zeroBytesPatient", millis = 60_000, interrupt = false)
    void zeroBytesPatient() {}

    @Timeout(name = "to.registry", millis = 250, interrupt = false)
    void registry() {}
  }

  private GuardSite site(String method) {
    return Protocol.site(registry, timer, Fixture.class, method);
  }

  @Test
  void aCallThatEndsBeforeItsDeadlineIsNeverInterrupted() throws Exception {
    GuardSite site = site("sync");
    Protocol.call(site, () -> {
      time.advanceMillis(99);
      timer.scanOnce();
      assertFalse(Thread.currentThread().isInterrupted());
      return null;
    });
    timer.scanOnce();
    time.advanceMillis(10);
    timer.scanOnce();
    assertEquals(1, registry.findStats("to.sync").successes());
    assertEquals(0, registry.findTimeout("to.sync").timeouts());
  }

  @Test
  void anOverrunIsInterruptedAndTheCallerGetsCallTimeoutExceptionCausedByTheBodysException() {
    GuardSite site = site("sync");
    InterruptedException seen = new InterruptedException("sleep interrupted");
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> Protocol.call(site, () -> {
      time.advanceMillis(100);
      timer.scanOnce();
      assertTrue(Thread.interrupted(), "interrupted at the deadline");
      throw seen;
    }));
    assertSame(seen, e.getCause());
    assertEquals("to.sync", e.guardName());
    assertEquals(100, e.millis());
    assertEquals("Call of 'to.sync' timed out after 100 ms", e.getMessage());
    assertEquals(1, registry.findTimeout("to.sync").timeouts());
    assertEquals(1, registry.findBreaker("to.sync").consecutiveFailures(), "a timeout is a breaker failure");
    assertEquals(1, registry.findStats("to.sync").failures());
  }

  @Test
  void theInterruptRaisedByWardenIsClearedWhenTheBodyIgnoresIt() {
    GuardSite site = site("sync");
    assertThrows(CallTimeoutException.class, () -> Protocol.call(site, () -> {
      time.advanceMillis(150);
      timer.scanOnce();
      assertTrue(Thread.currentThread().isInterrupted());
      return "ignored the interrupt";
    }));
    assertFalse(Thread.currentThread().isInterrupted(), "cleared before the call ended");
  }

  @Test
  void anInterruptPendingBeforeTheDeadlineIsLeftAlone() {
    GuardSite site = site("sync");
    try {
      assertThrows(CallTimeoutException.class, () -> Protocol.call(site, () -> {
        Thread.currentThread().interrupt();
        time.advanceMillis(100);
        timer.scanOnce();
        return null;
      }));
      assertTrue(Thread.currentThread().isInterrupted(), "not Warden's interrupt: kept");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aCallEndingAfterItsDeadlineTimesOutEvenIfTheTimerHasNotFired() {
    GuardSite site = site("sync");
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> Protocol.call(site, () -> {
      time.advanceMillis(100);
      return null;
    }));
    assertNull(e.getCause());
    timer.scanOnce();
    assertFalse(Thread.currentThread().isInterrupted(), "the timer finds nothing armed any more");
  }

  @Test
  void withoutInterruptTheBodyRunsToItsEndAndItsValueIsDiscarded() {
    GuardSite site = site("patient");
    AtomicBoolean interrupted = new AtomicBoolean();
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> Protocol.call(site, () -> {
      time.advanceMillis(500);
      timer.scanOnce();
      interrupted.set(Thread.currentThread().isInterrupted());
      return "late";
    }));
    assertFalse(interrupted.get(), "interrupt = false: never interrupted");
    assertNull(e.getCause(), "the body returned; its value is discarded");
  }

  @Test
  void theTimeoutBoundsTheBodyNotTheWaitForAToken() throws Exception {
    GuardSite site = site("order");
    Protocol.call(site, () -> null);
    long before = time.peek();
    Protocol.call(site, () -> {
      assertEquals(40_000_000L, time.peek() - before, "parked 40 ms for the next token");
      time.advanceMillis(30);
      timer.scanOnce();
      return null;
    });
    assertEquals(2, registry.findStats("to.order").successes(), "40 ms waiting + 30 ms running under a 50 ms limit");
    assertEquals(1, registry.findBulkhead("to.order").available());
  }

  @Test
  void aTimedOutCallGivesItsBulkheadSlotBack() {
    GuardSite site = site("order");
    assertThrows(CallTimeoutException.class, () -> Protocol.call(site, () -> {
      time.advanceMillis(60);
      return null;
    }));
    ConcurrencyLimiter bulkhead = registry.findBulkhead("to.order");
    assertEquals(1, bulkhead.available());
  }

  @Test
  void anAsyncStageFailsAtTheDeadlineAndItsOwnFutureIsCancelled() {
    GuardSite site = site("async");
    CompletableFuture<String> own = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> got = (CompletableFuture<String>) call(site, own);
    time.advanceMillis(99);
    timer.scanOnce();
    assertFalse(got.isDone());
    time.advanceMillis(1);
    timer.scanOnce();
    CompletionException e = assertThrows(CompletionException.class, got::join);
    CallTimeoutException timeout = assertInstanceOf(CallTimeoutException.class, e.getCause());
    assertNull(timeout.getCause());
    assertTrue(own.isCancelled(), "interrupt = true: the method's own future is cancelled");
    CallStats stats = registry.findStats("to.async");
    assertEquals(1, stats.failures());
    assertEquals(0, stats.inFlight());
    assertEquals(1, registry.findTimeout("to.async").timeouts());
  }

  @Test
  void anAsyncMethodReturningItsStageAfterTheDeadlineGivesTheCallerAFailedStage() throws Exception {
    GuardSite site = site("async");
    CompletableFuture<String> own = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> got = (CompletableFuture<String>) Protocol.call(site, () -> {
      time.advanceMillis(100);
      return own;
    });
    assertTrue(got.isCompletedExceptionally(), "failed before it is returned");
    assertInstanceOf(CallTimeoutException.class, assertThrows(CompletionException.class, got::join).getCause());
    assertTrue(own.isCancelled());
    assertEquals(1, registry.findTimeout("to.async").timeouts());
    assertEquals(1, registry.findStats("to.async").failures());
  }

  @Test
  void anAsyncStageCompletingInTimeIsASuccess() {
    GuardSite site = site("async");
    CompletableFuture<String> own = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> got = (CompletableFuture<String>) call(site, own);
    time.advanceMillis(99);
    own.complete("in time");
    time.advanceMillis(10);
    timer.scanOnce();
    assertEquals("in time", got.join());
    assertEquals(1, registry.findStats("to.async").successes());
  }

  @Test
  void anAsyncStageCompletingAfterItsDeadlineBeforeTheTimerFiresTimesOut() {
    GuardSite site = site("async");
    CompletableFuture<String> own = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> got = (CompletableFuture<String>) call(site, own);
    time.advanceMillis(100);
    own.complete("too late");
    CompletionException e = assertThrows(CompletionException.class, got::join);
    assertInstanceOf(CallTimeoutException.class, e.getCause());
    timer.scanOnce();
    assertEquals(1, registry.findStats("to.async").failures());
    assertEquals(1, registry.findTimeout("to.async").timeouts());
  }

  @Test
  void withoutInterruptTheAsyncStageFailsButTheOwnFutureRuns() {
    GuardSite site = site("asyncPatient");
    CompletableFuture<String> own = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> got = (CompletableFuture<String>) call(site, own);
    time.advanceMillis(100);
    timer.scanOnce();
    assertInstanceOf(CallTimeoutException.class, assertThrows(CompletionException.class, got::join).getCause());
    assertFalse(own.isDone(), "interrupt = false: the method's own future is left running");
    own.complete("late");
    assertEquals(1, registry.findTimeout("to.asyncPatient").timeouts(), "counted once");
  }

  @Test
  void anAsyncStageIsNeverCompletedOnTheTimerThread() {
    AtomicReference<Thread> completedOn = new AtomicReference<>();
    Thread[] handOffThread = new Thread[1];
    TimeoutTimer handingOff = new TimeoutTimer(time, task -> {
      Thread thread = new Thread(task, "hand-off");
      handOffThread[0] = thread;
      thread.start();
    }, false);
    GuardSite site = Protocol.site(registry, handingOff, Fixture.class, "asyncPatient");
    CompletableFuture<String> own = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<String> got = (CompletableFuture<String>) call(site, own);
    CompletableFuture<Void> observed = got.handle((v, e) -> {
      completedOn.set(Thread.currentThread());
      return null;
    });
    time.advanceMillis(100);
    handingOff.scanOnce();
    observed.join();
    assertSame(handOffThread[0], completedOn.get(), "completed on the hand-off executor");
    own.complete("late");
  }

  @Test
  void theSynchronousSuccessPathAllocatesNothing() {
    for (String method : new String[] {"zeroBytes", "zeroBytesPatient"}) {
      GuardSite site = GuardSite.forMethod(Fixture.class, method);
      long least = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long before = Allocations.ofThisThread();
        for (int i = 0; i < 100_000; i++) {
          Object permit = site.enter();
          site.onSuccess(permit);
        }
        least = Math.min(least, Allocations.ofThisThread() - before);
      }
      // anything allocated per call is at least 16 bytes; the measurement itself may allocate a few
      assertEquals(0, least / 100_000, method + ": " + least + " bytes allocated by 100,000 calls");
    }
  }

  @Test
  void theRegistryAndJmxShowTheTimeout() throws Exception {
    GuardSite.forMethod(Fixture.class, "registry");
    TimeoutStats stats = Warden.timeout("to.registry").orElseThrow();
    assertEquals(250, stats.config().millis());
    ObjectName name = new ObjectName("dev.warden:type=Timeout,name=\"to.registry\"");
    var server = ManagementFactory.getPlatformMBeanServer();
    assertEquals(250L, server.getAttribute(name, "Millis"));
    assertEquals(false, server.getAttribute(name, "Interrupt"));
    assertEquals(0L, server.getAttribute(name, "Timeouts"));
  }

  private static Object call(GuardSite site, CompletableFuture<String> own) {
    try {
      return Protocol.call(site, () -> own);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
