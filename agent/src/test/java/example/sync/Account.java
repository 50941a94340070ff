package example.sync;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;

/**
 * Synchronized guarded methods, instance and static, each beside an unguarded synchronized method
 * that shares its monitor. One token every 5 s, waits up to 10 s: a second call parks ~5 s.
 */
public class Account {

  private static int audits;
  private int withdrawals;

  @Throttled(callsPerSecond = 0.2, burst = 1, maxWaitMillis = 10_000)
  public synchronized void withdraw() {
    withdrawals++;
  }

  public synchronized int withdrawals() {
    return withdrawals;
  }

  @Throttled(callsPerSecond = 0.2, burst = 1, maxWaitMillis = 10_000)
  public static synchronized void audit() {
    audits++;
  }

  public static synchronized int audits() {
    return audits;
  }

  /** A guarded method that is not synchronized, in the same (rebased) class: woven as usual. */
  @CountCalls
  public int balance() {
    return withdrawals;
  }

  /** Whether the body of a guarded synchronized method holds the monitor of {@code this}. */
  @Throttled(callsPerSecond = 1_000, burst = 1_000, maxWaitMillis = 0)
  public synchronized boolean bodyHoldsMonitor() {
    return Thread.holdsLock(this);
  }

  /** Whether the body of a guarded static synchronized method holds the class's monitor. */
  @Throttled(callsPerSecond = 1_000, burst = 1_000, maxWaitMillis = 0)
  public static synchronized boolean staticBodyHoldsMonitor() {
    return Thread.holdsLock(Account.class);
  }
}
