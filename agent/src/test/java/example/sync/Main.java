package example.sync;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import example.support.Probes;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.function.IntSupplier;

/**
 * Defect 4: a caller of a guarded {@code synchronized} method that parks for a rate-limit token
 * must not hold the method's monitor. Prints one PASS/FAIL line per check.
 */
public final class Main {

  private static final int ATTEMPTS = 10_000;

  private Main() {}

  public static void main(String[] args) throws Exception {
    Account account = new Account();
    account.withdraw(); // spends the only token: the next call parks for ~5 s
    parked("instance", account::withdraw, account, account::withdrawals);
    Account.audit();
    parked("static", Account::audit, Account.class, Account::audits);
    report("body-holds-monitor", account.bodyHoldsMonitor() && Account.staticBodyHoldsMonitor()
        ? "" : "the body of a guarded synchronized method ran without its monitor");
    account.balance();
    long calls = Warden.callStats("example.sync.Account#balance").map(CallStats::calls).orElse(-1L);
    report("unsynchronized-method-beside", calls == 1 ? "" : "Account#balance counted " + calls + " calls, not 1");
  }

  /**
   * Starts a caller of {@code guarded} and waits (bounded) until it is parked for its token; then
   * checks that it holds no monitor of {@code monitor} and that {@code other}, a synchronized
   * method on the same monitor, runs to the end (the thread is never BLOCKED) while it is parked.
   */
  private static void parked(String name, Runnable guarded, Object monitor, IntSupplier other) throws Exception {
    StringBuilder problems = new StringBuilder();
    Thread caller = new Thread(() -> {
      try {
        guarded.run();
      } catch (ThrottledException interrupted) {
        // ended by the interrupt below
      }
    }, "parked-" + name);
    caller.start();
    if (!Probes.awaitParked(caller, ATTEMPTS)) {
      problems.append("the caller never parked (state ").append(caller.getState()).append("); ");
    } else {
      if (holds(caller, monitor)) {
        problems.append("the parked caller holds the monitor; ");
      }
      Thread reader = new Thread(other::getAsInt, "other-" + name);
      reader.start();
      Thread.State end = awaitEnd(reader, monitor);
      if (end != Thread.State.TERMINATED) {
        problems.append("another synchronized method is ").append(end).append(" while the caller is parked; ");
      }
      if (caller.getState() != Thread.State.TIMED_WAITING) {
        problems.append("the caller stopped waiting for its token too early: ").append(caller.getState());
      }
    }
    caller.interrupt();
    caller.join();
    report("monitor-free-while-parked-" + name, problems.toString());
  }

  /**
   * Polls (at most {@link #ATTEMPTS} times) until {@code thread} has ended or is blocked on {@code
   * monitor} (a thread may block for a moment on another monitor, e.g. a class loading lock).
   */
  private static Thread.State awaitEnd(Thread thread, Object monitor) throws InterruptedException {
    for (int i = 0; i < ATTEMPTS; i++) {
      Thread.State state = thread.getState();
      if (state == Thread.State.TERMINATED) {
        return state;
      }
      if (state == Thread.State.BLOCKED) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId());
        LockInfo blockedOn = info == null ? null : info.getLockInfo();
        if (blockedOn != null && is(blockedOn, monitor)) {
          return state;
        }
      }
      Thread.sleep(1);
    }
    return thread.getState();
  }

  private static boolean holds(Thread thread, Object monitor) {
    for (MonitorInfo held : ManagementFactory.getThreadMXBean()
        .getThreadInfo(new long[] {thread.getId()}, true, false)[0].getLockedMonitors()) {
      if (is(held, monitor)) {
        return true;
      }
    }
    return false;
  }

  private static boolean is(LockInfo lock, Object monitor) {
    return lock.getIdentityHashCode() == System.identityHashCode(monitor)
        && lock.getClassName().equals(monitor.getClass().getName());
  }

  private static void report(String check, String problems) {
    System.out.println(problems.isEmpty() ? "PASS " + check : "FAIL " + check + ": " + problems);
  }
}
