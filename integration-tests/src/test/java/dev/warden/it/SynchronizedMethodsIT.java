package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.it.fixtures.GuardedLedger;
import dev.warden.it.fixtures.Ledger;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.ThrottledException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import org.junit.jupiter.api.Test;

/**
 * Defect 4: a throttled {@code synchronized} method. Under the agent, a caller parked for its token
 * held the object's monitor, so callers queued on the monitor were admitted later instead of
 * rejected at once, and the object's other synchronized methods stalled. In every mode a caller
 * waits for its token without the monitor.
 */
class SynchronizedMethodsIT {

  private static final int ATTEMPTS = 10_000;

  private final Mode mode = Mode.current();

  private Ledger ledger() {
    return mode.processor() ? new GuardedLedger() : new Ledger();
  }

  @Test
  void ofThreeCallersOneRunsOneParksForItsTokenAndOneIsRejectedAtOnce() throws Exception {
    Ledger ledger = ledger();
    ledger.post(); // the only token: the next is due in 2 s
    Thread second = new Thread(ledger::post, "second");
    second.start();
    awaitParked(second);
    // the third token is due in 4 s, beyond maxWaitMillis = 3 s unless this call came 1 s late
    // (under the agent it used to queue on the monitor behind the parked caller, then get its token)
    assertThrows(ThrottledException.class, ledger::post);
    second.join();
    assertEquals(2, ledger.entries());
    CallStats stats = stats(FIXTURES + "Ledger#post");
    assertEquals(3, stats.calls());
    assertEquals(1, stats.rejections());
  }

  @Test
  void anotherSynchronizedMethodRunsWhileACallerIsParkedForItsToken() throws Exception {
    Ledger ledger = ledger();
    ledger.settle(); // the only token: the next is due in 5 s
    Thread parked = new Thread(() -> {
      try {
        ledger.settle();
      } catch (ThrottledException interrupted) {
        // ended by the interrupt below
      }
    }, "parked");
    parked.start();
    try {
      awaitParked(parked);
      ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {parked.getId()}, true, false)[0];
      for (LockInfo held : info.getLockedMonitors()) {
        assertFalse(isMonitorOf(held, ledger), "the caller waits for its token holding the ledger's monitor");
      }
      Thread reader = new Thread(ledger::entries, "reader");
      reader.start();
      assertEquals(Thread.State.TERMINATED, awaitEndOrBlockedOn(reader, ledger),
          "entries() must run while a settle() caller is parked");
      assertEquals(Thread.State.TIMED_WAITING, parked.getState(), "the settle() caller is still parked");
    } finally {
      parked.interrupt();
      parked.join();
    }
  }

  /** Polls (at most {@link #ATTEMPTS} times) until {@code thread} is parked in {@code LockSupport}. */
  private static void awaitParked(Thread thread) throws InterruptedException {
    for (int i = 0; i < ATTEMPTS; i++) {
      if (thread.getState() == Thread.State.TIMED_WAITING) {
        for (StackTraceElement frame : thread.getStackTrace()) {
          if (frame.getClassName().equals("java.util.concurrent.locks.LockSupport")) {
            return;
          }
        }
      }
      Thread.sleep(1);
    }
    throw new AssertionError(thread.getName() + " never parked for its token: " + thread.getState());
  }

  /**
   * Polls (at most {@link #ATTEMPTS} times) until {@code thread} has ended or is blocked on the
   * monitor of {@code monitor} (it may block for a moment on another one, e.g. a class loading lock).
   */
  private static Thread.State awaitEndOrBlockedOn(Thread thread, Object monitor) throws InterruptedException {
    for (int i = 0; i < ATTEMPTS; i++) {
      Thread.State state = thread.getState();
      if (state == Thread.State.TERMINATED) {
        return state;
      }
      if (state == Thread.State.BLOCKED) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId());
        if (info != null && info.getLockInfo() != null && isMonitorOf(info.getLockInfo(), monitor)) {
          return state;
        }
      }
      Thread.sleep(1);
    }
    return thread.getState();
  }

  private static boolean isMonitorOf(LockInfo lock, Object monitor) {
    return lock.getIdentityHashCode() == System.identityHashCode(monitor)
        && lock.getClassName().equals(monitor.getClass().getName());
  }
}
