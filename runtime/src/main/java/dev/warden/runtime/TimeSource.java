package dev.warden.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * The clock the guards read and the way they wait. Production code uses {@link #SYSTEM}; tests
 * inject a fake whose {@link #parkNanos(long)} advances its own time, so nothing sleeps.
 *
 * <p>Implementations must be safe for use by any number of threads.
 */
public interface TimeSource {

  /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
  TimeSource SYSTEM =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
          LockSupport.parkNanos(nanos);
        }

        @Override
        public String toString() {
          return "TimeSource.SYSTEM";
        }
      };

  /** A monotonic reading in nanoseconds, with an arbitrary origin, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Parks the calling thread for up to {@code nanos} nanoseconds without holding any lock. May
   * return early (spuriously or on interrupt); callers re-check the time and the interrupt flag.
   */
  void parkNanos(long nanos);
}
