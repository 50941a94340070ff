package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.CountCalls;
import dev.warden.runtime.Allocations;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Measured calls and threads: a call ended on another thread than it entered on is counted
 * without a duration and spoils no other measurement; what a thread's first measured call
 * allocates (a new thread per task, as with virtual threads).
 */
class LatencyThreadsTest {

  private static final long MS = 1_000_000L;

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  static class Fixture {
    @CountCalls(name = "threads.on", latency = true)
    void on() {}

    @CountCalls(name = "threads.other", latency = true)
    void other() {}

    @CountCalls(name = "threads.off")
    void off() {}
  }

  @Test
  void aCallEndedElsewhereIsCountedUnmeasuredAndLaterCallsOnBothThreadsAreMeasured() throws Exception {
    GuardSite site = Protocol.site(registry, timer, Fixture.class, "on");
    GuardSite other = Protocol.site(registry, timer, Fixture.class, "other");
    AtomicReference<Object> permit = new AtomicReference<>();
    FreshThread.run(() -> permit.set(site.enter())); // its start stays on that thread, which ends
    FreshThread.run(() -> {
      Object otherPermit = other.enter(); // a measured call of another method running here ...
      time.advanceMillis(3);
      site.onSuccess(permit.get()); // ... does not lend its start to the call ended here
      time.advanceMillis(4);
      other.onSuccess(otherPermit);
      Object next = site.enter();
      time.advanceMillis(2);
      site.onSuccess(next);
    });
    CallStats stats = registry.findStats("threads.on");
    assertEquals(2, stats.successes());
    assertEquals(0, stats.inFlight());
    assertEquals(1, stats.latency().orElseThrow().count(), "only the call ended where it entered is measured");
    assertEquals(2 * MS, stats.latency().orElseThrow().maxNanos());
    assertEquals(7 * MS, registry.findStats("threads.other").latency().orElseThrow().maxNanos());
  }

  @Test
  void aNewThreadsFirstMeasuredCallAllocatesOnlyItsStartsHolder() throws Exception {
    GuardSite on = Protocol.site(registry, timer, Fixture.class, "on");
    GuardSite off = Protocol.site(registry, timer, Fixture.class, "off");
    long counted = Long.MAX_VALUE;
    long measured = Long.MAX_VALUE;
    long nested = Long.MAX_VALUE;
    for (int round = 0; round < 200; round++) { // the least of many: warm, and free of the JIT's noise
      counted = Math.min(counted, firstCallOnNewThread(off, false));
      measured = Math.min(measured, firstCallOnNewThread(on, false));
      nested = Math.min(nested, firstCallOnNewThread(on, true));
    }
    // measured: the thread's CallStarts and its ThreadLocal entry (176 B on JDK 17 and 25 with
    // compressed references, the ThreadLocal map included); its arrays wait for a nested call
    String report = "first call on a new thread: counted " + counted + " B, measured " + measured
        + " B, measured and nesting " + nested + " B";
    assertTrue(nested - measured >= 64, report + ": a call that does not nest allocates no array");
  }

  /** Bytes a new thread allocates for its first call of {@code site}, with a nested call of it if {@code nest}. */
  private static long firstCallOnNewThread(GuardSite site, boolean nest) throws InterruptedException {
    AtomicLong bytes = new AtomicLong();
    FreshThread.run(() -> {
      Allocations.ofThisThread();
      long before = Allocations.ofThisThread();
      Object permit = site.enter();
      if (nest) {
        Object inner = site.enter();
        site.onSuccess(inner);
      }
      site.onSuccess(permit);
      bytes.set(Allocations.ofThisThread() - before);
    });
    return bytes.get();
  }
}
