package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** An interrupt while parked rejects the call and keeps the interrupt flag. */
class InterruptTest {

  static class Slow {
    @CountCalls(name = "interrupt.stats")
    @Throttled(name = "interrupt.limit", callsPerSecond = 0.01, burst = 1, maxWaitMillis = 600_000)
    void call() {}
  }

  @Test
  void interruptWhileParkedIsAThrottledExceptionWithTheFlagKept() throws Exception {
    GuardSite site = GuardSite.forMethod(Slow.class, "call");
    Protocol.call(site, () -> null);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    AtomicBoolean ran = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        Protocol.call(site, () -> ran.getAndSet(true));
      } catch (Throwable t) {
        thrown.set(t);
        flagKept.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000); // a spinning test thread would take the CPU from the caller
    }
    assertEquals(Thread.State.TIMED_WAITING, caller.getState(), "the caller parks for its token");
    caller.interrupt();
    caller.join(10_000);

    ThrottledException e = assertInstanceOf(ThrottledException.class, thrown.get());
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertEquals("interrupt.limit", e.guardName());
    assertTrue(e.getMessage().contains("interrupt.limit"), e.getMessage());
    assertTrue(flagKept.get(), "the interrupt flag is still set");
    assertFalse(ran.get());
    CallStats stats = Warden.callStats("interrupt.stats").orElseThrow();
    assertEquals(2, stats.calls());
    assertEquals(1, stats.rejections());
  }
}
