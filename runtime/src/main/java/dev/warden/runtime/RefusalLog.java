package dev.warden.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Logs a guard's refusals without logging each one: the first refusal after a quiet period (and
 * the guard's first ever) is logged once at {@code INFO}; the refusals that follow are not, until
 * the guard has refused nothing for {@link #QUIET_SECONDS} seconds.
 *
 * <p>Cheap where it matters, on the refusal path of a guard under overload: a refusal reads one
 * field and compares it with a clock reading the guard already has (or takes one). The time of
 * the latest refusal is written at most about once a {@linkplain #GRAIN_NANOS second} (so threads
 * refusing at once do not fight over it); the only compare-and-set is that write. Refusals are
 * thus noted to the second: a refusal is logged when the latest noted one is at least {@code
 * QUIET_SECONDS + 1} seconds old, which means the guard refused nothing for more than {@code
 * QUIET_SECONDS} seconds; a gap of {@code QUIET_SECONDS} or less is never logged again.
 *
 * <p>Thread-safe and lock-free.
 */
final class RefusalLog {

  /** Seconds without refusal after which the next refusal is logged again. */
  static final long QUIET_SECONDS = 60;
  /** How finely refusals are noted. */
  static final long GRAIN_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long LOGGED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(QUIET_SECONDS) + GRAIN_NANOS;
  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final VarHandle LATEST;

  static {
    try {
      LATEST = MethodHandles.lookup().findVarHandle(RefusalLog.class, "latest", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Describer guard;
  /** The latest noted refusal, on the guard's clock; at creation, long enough ago to log the first. */
  private volatile long latest;

  /**
   * @param guard how the log names the guard and its limits, e.g. {@code "Rate limiter 'x' (10/s,
   *     burst 5)"}; asked only to log
   * @param now the guard's clock at creation
   */
  RefusalLog(Describer guard, long now) {
    this.guard = guard;
    this.latest = now - LOGGED_AFTER_NANOS;
  }

  /**
   * Notes a refusal at {@code now} (the guard's clock, never older than an earlier call's); logs it
   * when it ends a quiet period.
   */
  void refused(long now) {
    long seen = latest;
    if (now - seen >= GRAIN_NANOS) {
      note(now, seen);
    }
  }

  private void note(long now, long seen) {
    while (!LATEST.compareAndSet(this, seen, now)) {
      seen = latest;
      if (now - seen < GRAIN_NANOS) {
        return; // another refusal noted it meanwhile
      }
    }
    if (now - seen >= LOGGED_AFTER_NANOS) {
      try {
        LOG.log(System.Logger.Level.INFO, guard.describe() + " is refusing calls; further refusals are not logged"
            + " until it has refused none for " + QUIET_SECONDS + " s");
      } catch (Throwable e) {
        // a failing logging backend must not change the outcome of the refused call
      }
    }
  }

  /** Names a guard and its limits for the log; called only when logging. */
  @FunctionalInterface
  interface Describer {
    String describe();
  }
}
