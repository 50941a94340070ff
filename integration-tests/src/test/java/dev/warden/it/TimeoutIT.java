package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.breaker;
import static dev.warden.it.Guards.stats;
import static dev.warden.it.Guards.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.SlowReports;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * @Timeout on synchronous methods: the body runs on the caller's thread; at the deadline it is
 * interrupted (or not, with {@code interrupt = false}); the caller gets {@link
 * CallTimeoutException} whenever the body ends; Warden's interrupt never outlives the call.
 * Nothing here depends on how late the timer fires: a slow body takes 10 s unless interrupted, and
 * the checks are "less than 10 s", never a tight bound.
 */
class TimeoutIT {

  private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(SlowReports.SLOW_MILLIS);

  private final SlowReports reports = Mode.current().fixtures().slowReports();

  @Test
  void overrunningBodyOnTheCallingThreadIsInterruptedAndTheCallerGetsTheCause() {
    String name = FIXTURES + "SlowReports#render";
    long start = System.nanoTime();
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> reports.render("Q4"));
    long took = System.nanoTime() - start;
    assertSame(Thread.currentThread(), reports.lastBodyThread(), "the body runs on the calling thread");
    assertTrue(e.getCause() instanceof InterruptedException, "the body's own exception: " + e.getCause());
    assertFalse(Thread.interrupted(), "Warden's interrupt is cleared before the call ends");
    // a 50 ms limit: even on a busy machine the interrupt comes long before half the body's 10 s
    // (a timer that woke late, as one lingering idle once did, interrupted it only after 9.9 s)
    assertTrue(took < SLOW_NANOS / 2, "interrupted long before the body's 10 s: " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
    assertEquals(name, e.guardName());
    assertEquals(50, e.millis());
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertEquals(1, timeout(name).timeouts());
  }

  @Test
  void valueReturnedAfterTheDeadlineIsDiscarded() {
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> reports.summarize("Q3"));
    assertNull(e.getCause(), "the body returned (a partial summary), which the caller never sees");
    assertTrue(reports.interruptSeen(), "the body saw the interrupt");
    assertFalse(Thread.interrupted());
    assertEquals(1, timeout(FIXTURES + "SlowReports#summarize").timeouts());
  }

  @Test
  void withoutInterruptTheBodyRunsToItsEndAndTheCallStillTimesOut() {
    long start = System.nanoTime();
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> reports.export("Q2", 200));
    long took = System.nanoTime() - start;
    assertNull(e.getCause(), "the body returned; its value is discarded");
    assertFalse(reports.interruptSeen(), "interrupt = false: the thread was never interrupted");
    assertFalse(Thread.interrupted());
    assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(200), "the caller waited for the body's end");
    assertSame(Thread.currentThread(), reports.lastBodyThread());
    assertEquals(1, timeout(FIXTURES + "SlowReports#export").timeouts());
  }

  @Test
  void callEndingBeforeTheDeadlineReturnsNormallyAndIsNeverInterrupted() {
    for (int i = 0; i < 100; i++) {
      assertEquals("preview of Q1", reports.preview("Q1"));
      assertFalse(reports.interruptSeen());
      assertFalse(Thread.interrupted());
    }
    assertEquals(0, timeout(FIXTURES + "SlowReports#preview").timeouts());
  }

  /**
   * 10,000 calls with a 1 ms limit whose bodies park 0.5 to 1.5 ms, so that they end just before
   * or just after the deadline while the timer fires (about 40 % return, 60 % time out). No stray
   * interrupt: a body never finds the flag set less than 1 ms after its call began (its own
   * deadline cannot have passed yet, so the interrupt would be a late one of an earlier call); a
   * call that returns normally was never interrupted (its body saw the flag clear at its start and
   * end); after every call, timed out or not, the flag is clear; the guard counted exactly the
   * timeouts the caller saw. (A body that starts more than 1 ms after its call began, on a busy
   * machine, may rightly find its own call's interrupt: that call must then time out.)
   */
  @Test
  void tenThousandCallsEndingNearTheDeadlineLeaveNoStrayInterrupt() {
    String name = FIXTURES + "SlowReports#tick";
    SplittableRandom random = new SplittableRandom(13);
    int returned = 0;
    int timedOut = 0;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      long nanos = random.nextLong(500_000, 1_500_001);
      long began = System.nanoTime();
      try {
        int seen = reports.tick(nanos);
        returned++;
        if (seen != 0) {
          problems.add("call " + i + " (" + nanos + " ns) returned normally but its body saw an interrupt"
              + ((seen & 1) != 0 ? " at its start" : "") + ((seen & 2) != 0 ? " at its end" : ""));
        }
      } catch (CallTimeoutException e) {
        timedOut++;
      }
      if (reports.tickStartedInterrupted() && reports.tickStartChecked() - began < 1_000_000) {
        problems.add("call " + i + " (" + nanos + " ns): its body found the flag set "
            + (reports.tickStartChecked() - began) + " ns after the call began, before its deadline");
      }
      if (Thread.interrupted()) {
        problems.add("call " + i + " (" + nanos + " ns) left the interrupt flag set");
      }
    }
    assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())),
        problems.size() + " problems in 10,000 calls (" + returned + " returned, " + timedOut + " timed out)");
    assertTrue(timedOut > 0, "bodies of more than 1 ms time out");
    assertEquals(timedOut, timeout(name).timeouts(), "the guard counts exactly the timeouts the callers saw");
  }

  @Test
  void timeoutIsAFailureForTheBreakerAndTheCounter() {
    String name = FIXTURES + "SlowReports#publish";
    for (int i = 0; i < 2; i++) {
      assertThrows(CallTimeoutException.class, () -> reports.publish("annual"));
    }
    CircuitBreaker breaker = breaker(name);
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "threshold 2: two timeouts open the circuit");
    assertThrows(CircuitOpenException.class, () -> reports.publish("annual"));
    CallStats stats = stats(name);
    assertEquals(3, stats.calls());
    assertEquals(2, stats.failures());
    assertEquals(0, stats.successes());
    assertEquals(1, stats.rejections());
    assertEquals(2, timeout(name).timeouts());
  }

  @Test
  void jmxShowsTheTimeout() throws Exception {
    String name = FIXTURES + "SlowReports#index";
    assertEquals("indexed Q1", reports.index("Q1"));
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = new ObjectName("dev.warden:type=Timeout,name=" + ObjectName.quote(name));
    assertEquals(name, server.getAttribute(bean, "Name"));
    assertEquals(750L, server.getAttribute(bean, "Millis"));
    assertEquals(false, server.getAttribute(bean, "Interrupt"));
    assertEquals(0L, server.getAttribute(bean, "Timeouts"));
  }
}
