package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.Allocations;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.LatencySnapshot;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import dev.warden.runtime.rules.GuardEntries;
import java.io.IOException;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @CountCalls(latency = true)} at the site, on a fake clock: what is measured (successes
 * and failures from entry to outcome, asynchronous calls until their stage completes, a retried
 * call over all its attempts, not rejections), how latency is turned on (annotation, override,
 * guard entry), that without it no clock is read, and rejections counted by kind.
 */
class LatencySiteTest {

  private static final long MS = 1_000_000L;

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  @AfterEach
  void clear() {
    System.clearProperty("warden.lat.overridden.latency");
    System.clearProperty("warden.lat.overriddenOff.latency");
  }

  static class Fixture {
    @CountCalls(name = "lat.on", latency = true)
    void on() {}

    @CountCalls(name = "lat.off")
    void off() {}

    @CountCalls(name = "lat.overridden")
    void overridden() {}

    @CountCalls(name = "lat.overriddenOff", latency = true)
    void overriddenOff() {}

    @CountCalls(name = "lat.outer", latency = true)
    void outer() {}

    @CountCalls(name = "lat.async", latency = true)
    CompletableFuture<String> async() {
      return null;
    }

    @CountCalls(name = "lat.asyncTimed", latency = true)
    @Timeout(name = "lat.asyncTimed", millis = 1_000)
    CompletableFuture<String> asyncTimed() {
      return null;
    }

    @CountCalls(name = "lat.timed", latency = true)
    @Timeout(name = "lat.timed", millis = 100)
    void timed() {}

    @CountCalls(name = "lat.retry", latency = true)
    @Retry(name = "lat.retry", maxAttempts = 3, delayMillis = 100, multiplier = 1, jitter = 0)
    void retried() {}

    @CountCalls(name = "lat.guarded", latency = true)
    @Breaker(name = "lat.guarded", failureThreshold = 1, cooldownMillis = 10_000)
    @Throttled(name = "lat.guarded", callsPerSecond = 1, burst = 1, maxWaitMillis = 0)
    void guarded() {}

    @CountCalls(name = "lat.bulkhead")
    @Bulkhead(name = "lat.bulkhead", maxConcurrent = 1, maxWaitMillis = 0)
    void bulkhead() {}

    @CountCalls(name = "lat.waits")
    @Throttled(name = "lat.waits", callsPerSecond = 1, burst = 1, maxWaitMillis = 60_000)
    void waitsForToken() {}

    @CountCalls(name = "lat.waits")
    @Bulkhead(name = "lat.waits", maxConcurrent = 1, maxWaitMillis = 60_000)
    void waitsForSlot() {}

    @CountCalls(name = "lat.retryRefused")
    @Retry(name = "lat.retryRefused", maxAttempts = 2, delayMillis = 0)
    @Breaker(name = "lat.retryRefused", failureThreshold = 1, cooldownMillis = 60_000)
    void retryRefused() {}
  }

  /** Never annotated: a guard entry selects it. */
  static class Plain {
    void configured() {}
  }

  private GuardSite site(String method) {
    return Protocol.site(registry, timer, Fixture.class, method);
  }

  private CallStats stats(String name) {
    return registry.findStats(name);
  }

  /** A call whose body takes {@code millis} on the fake clock. */
  private static Object takes(GuardSite site, FakeTime time, long millis) throws Exception {
    return Protocol.call(site, () -> {
      time.advanceMillis(millis);
      return null;
    });
  }

  @Test
  void successesAndFailuresAreMeasuredFromEntryToOutcome() throws Exception {
    GuardSite site = site("on");
    takes(site, time, 3);
    assertThrows(IOException.class, () -> Protocol.call(site, () -> {
      time.advanceMillis(7);
      throw new IOException("boom");
    }));
    LatencySnapshot latency = stats("lat.on").latency().orElseThrow();
    assertEquals(2, latency.count());
    assertEquals(7 * MS, latency.maxNanos());
    assertTrue(Math.abs(latency.p50Nanos() - 3 * MS) <= 3 * MS / 128, "within 1/128: " + latency.p50Nanos());
    assertEquals(2, latency.recent().count());
  }

  @Test
  void withoutLatencyTheSiteReadsNoClockAndReportsNone() throws Exception {
    GuardSite site = site("off");
    long reads = time.reads();
    for (int i = 0; i < 5; i++) {
      Protocol.call(site, () -> null);
    }
    assertThrows(IOException.class, () -> Protocol.call(site, () -> {
      throw new IOException("boom");
    }));
    assertEquals(reads, time.reads(), "no clock reading");
    assertTrue(stats("lat.off").latency().isEmpty());
    assertEquals(6, stats("lat.off").calls());
  }

  @Test
  void withLatencyEachCallReadsTheClockTwice() throws Exception {
    GuardSite site = site("on");
    long reads = time.reads();
    Protocol.call(site, () -> null);
    assertEquals(reads + 2, time.reads());
  }

  @Test
  void aMeasuredSuccessAllocatesNothingOnceWarm() throws Throwable {
    GuardSite site = site("on");
    int calls = 100_000;
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = Allocations.ofThisThread();
      for (int i = 0; i < calls; i++) {
        Object permit = site.enter();
        time.advance(i & 1023); // durations over ten buckets' pages, first seen in round 0
        site.onSuccess(permit);
      }
      least = Math.min(least, Allocations.ofThisThread() - before);
    }
    // anything allocated per call is at least 16 bytes; the measurement itself may allocate a few
    assertEquals(0, least / calls, least + " bytes for " + calls + " calls");
    assertEquals(5L * calls, stats("lat.on").latency().orElseThrow().count());
  }

  @Test
  void anOverrideTurnsLatencyOnOrOff() throws Exception {
    System.setProperty("warden.lat.overridden.latency", "true");
    System.setProperty("warden.lat.overriddenOff.latency", "false");
    takes(site("overridden"), time, 2);
    takes(site("overriddenOff"), time, 2);
    assertEquals(2 * MS, stats("lat.overridden").latency().orElseThrow().maxNanos());
    assertTrue(stats("lat.overriddenOff").latency().isEmpty());
  }

  @Test
  void anOverrideThatIsNoBooleanMisconfiguresTheSite() {
    System.setProperty("warden.lat.overridden.latency", "yes");
    dev.warden.runtime.ConfigurationException e =
        assertThrows(dev.warden.runtime.ConfigurationException.class, () -> site("overridden").enter());
    assertTrue(e.getMessage().contains("warden.lat.overridden.latency"), e.getMessage());
    assertTrue(e.getMessage().contains("yes"), e.getMessage());
  }

  @Test
  void aGuardEntryTurnsLatencyOn() throws Exception {
    String source = "/etc/guards.properties";
    String entry = Plain.class.getName() + "#configured() = @CountCalls(name=\"lat.configured\", latency=true)";
    ConfiguredMethods.configure(Plain.class.getName(), "configured", MethodType.methodType(void.class)
        .toMethodDescriptorString(), source, GuardEntries.parseLine(entry, source).line(), null, null);
    GuardSite site = Protocol.site(registry, timer, Plain.class, "configured");
    takes(site, time, 4);
    assertEquals(4 * MS, stats("lat.configured").latency().orElseThrow().maxNanos());
  }

  @Test
  void nestedMeasuredCallsEachGetTheirOwnDuration() throws Exception {
    GuardSite outer = site("outer");
    GuardSite inner = site("on");
    Protocol.call(outer, () -> {
      time.advanceMillis(1);
      takes(inner, time, 10);
      time.advanceMillis(1);
      return null;
    });
    assertEquals(12 * MS, stats("lat.outer").latency().orElseThrow().maxNanos());
    assertEquals(10 * MS, stats("lat.on").latency().orElseThrow().maxNanos());
  }

  @Test
  void anAsynchronousCallIsMeasuredUntilItsStageCompletes() throws Exception {
    GuardSite site = site("async");
    CompletableFuture<String> own = new CompletableFuture<>();
    CompletableFuture<?> caller = (CompletableFuture<?>) Protocol.call(site, () -> own);
    time.advanceMillis(20);
    assertEquals(0, stats("lat.async").latency().orElseThrow().count(), "not before it completes");
    own.complete("done");
    assertEquals("done", caller.join());
    assertEquals(20 * MS, stats("lat.async").latency().orElseThrow().maxNanos());

    CompletableFuture<String> failing = new CompletableFuture<>();
    Protocol.call(site, () -> failing);
    Protocol.call(site(("on")), () -> null); // another call on this thread meanwhile
    time.advanceMillis(30);
    failing.completeExceptionally(new IOException("late"));
    LatencySnapshot latency = stats("lat.async").latency().orElseThrow();
    assertEquals(2, latency.count());
    assertEquals(30 * MS, latency.maxNanos());
  }

  @Test
  void aTimedAsynchronousCallIsMeasuredUntilItsStageCompletesOrItsDeadline() throws Exception {
    GuardSite site = site("asyncTimed");
    CompletableFuture<String> own = new CompletableFuture<>();
    CompletableFuture<?> caller = (CompletableFuture<?>) Protocol.call(site, () -> own);
    time.advanceMillis(40);
    own.complete("done");
    assertEquals("done", caller.join());
    assertEquals(40 * MS, stats("lat.asyncTimed").latency().orElseThrow().maxNanos());

    CompletableFuture<?> expiring = (CompletableFuture<?>) Protocol.call(site, CompletableFuture::new);
    time.advanceMillis(1_000);
    timer.scanOnce();
    assertTrue(expiring.isCompletedExceptionally());
    LatencySnapshot latency = stats("lat.asyncTimed").latency().orElseThrow();
    assertEquals(2, latency.count());
    assertEquals(1_000 * MS, latency.maxNanos(), "measured until the deadline failed it");
  }

  @Test
  void aTimedOutCallIsMeasured() {
    GuardSite site = site("timed");
    assertThrows(CallTimeoutException.class, () -> takes(site, time, 150));
    assertEquals(150 * MS, stats("lat.timed").latency().orElseThrow().maxNanos());
  }

  @Test
  void aRetriedCallIsMeasuredOnceOverAllItsAttemptsAndDelays() throws Exception {
    GuardSite site = Protocol.site(registry, timer, () -> 0.5, Fixture.class, "retried");
    int[] attempts = {0};
    Protocol.callRetrying(site, () -> {
      time.advanceMillis(5);
      if (++attempts[0] < 3) {
        throw new IOException("again");
      }
      return null;
    });
    LatencySnapshot latency = stats("lat.retry").latency().orElseThrow();
    assertEquals(1, latency.count());
    assertEquals(3 * 5 * MS + 2 * 100 * MS, latency.maxNanos());

    assertThrows(IOException.class, () -> Protocol.callRetrying(site, () -> {
      throw new IOException("always");
    }));
    assertEquals(2, stats("lat.retry").latency().orElseThrow().count(), "a failed call is measured too");
    assertEquals(0, stats("lat.retry").inFlight());
  }

  @Test
  void rejectedCallsAreNotMeasuredAndCountByKind() throws Exception {
    GuardSite site = site("guarded");
    takes(site, time, 1);
    assertThrows(ThrottledException.class, () -> takes(site, time, 1));
    time.advanceMillis(1_000);
    assertThrows(IOException.class, () -> Protocol.call(site, () -> {
      throw new IOException("opens");
    }));
    assertThrows(CircuitOpenException.class, () -> takes(site, time, 1));
    assertThrows(CircuitOpenException.class, () -> takes(site, time, 1));
    CallStats stats = stats("lat.guarded");
    assertEquals(2, stats.latency().orElseThrow().count(), "the success and the failure");
    assertEquals(3, stats.rejections());
    assertEquals(1, stats.rejections(ThrottledException.class));
    assertEquals(2, stats.rejections(CircuitOpenException.class));
    assertEquals(0, stats.rejections(BulkheadFullException.class));
    assertEquals(stats.successes() + stats.failures(), stats.latency().orElseThrow().count());
  }

  @Test
  void aFullBulkheadCountsAsItsKind() {
    GuardSite site = site("bulkhead");
    Object held = site.enter();
    Object refused = site.enter();
    assertInstanceOf(GuardRejectedException.class, refused);
    assertThrows(BulkheadFullException.class, () -> site.rejected(refused, null, null));
    site.onSuccess(held);
    CallStats stats = stats("lat.bulkhead");
    assertEquals(1, stats.rejections(BulkheadFullException.class));
    assertEquals(0, stats.rejections(ThrottledException.class));
    assertEquals(1, stats.rejections());
  }

  @Test
  void anInterruptedWaitCountsAsTheKindOfTheGuardItWaitedFor() {
    GuardSite token = site("waitsForToken");
    GuardSite slot = site("waitsForSlot");
    token.onSuccess(token.enter()); // takes the only token
    Object held = slot.enter();     // takes the only slot
    try {
      Thread.currentThread().interrupt();
      Object refused = token.enter(); // parks for the next token: interrupted
      ThrottledException e = assertThrows(ThrottledException.class, () -> token.rejected(refused, null, null));
      assertInstanceOf(InterruptedException.class, e.getCause());
      assertTrue(Thread.currentThread().isInterrupted());
      Object refusedBySlot = slot.enter(); // waits for a slot: interrupted
      BulkheadFullException full =
          assertThrows(BulkheadFullException.class, () -> slot.rejected(refusedBySlot, null, null));
      assertInstanceOf(InterruptedException.class, full.getCause());
    } finally {
      Thread.interrupted();
      slot.onSuccess(held);
    }
    CallStats stats = stats("lat.waits");
    assertEquals(1, stats.rejections(ThrottledException.class));
    assertEquals(1, stats.rejections(BulkheadFullException.class));
    assertEquals(2, stats.rejections());
  }

  @Test
  void aRetriedCallEndedByItsBreakerCountsAsACircuitOpenRejection() {
    GuardSite site = Protocol.site(registry, timer, () -> 0.5, Fixture.class, "retryRefused");
    assertThrows(CircuitOpenException.class, () -> Protocol.callRetrying(site, () -> {
      throw new IOException("opens the breaker; the retry is refused");
    }));
    CallStats stats = stats("lat.retryRefused");
    assertEquals(1, stats.rejections(CircuitOpenException.class));
    assertEquals(0, stats.failures());
    assertFalse(stats.measuresLatency());
  }
}
