package dev.warden.redis;

import dev.warden.runtime.TimeSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The permits one bucket holds in this process in lease mode: what is left of its latest lease,
 * valid for a fixed time from the moment the lease was asked for. Taking one is a compare-and-set
 * on a counter: no lock, no allocation, no round trip.
 *
 * <p>Two rules keep the permits held at most {@code lease - 1} at every instant (the bound on the
 * extra admissions of lease mode rests on it): only one thread at a time fetches a lease ({@link
 * #claimRefill}), and a new lease empties the one it replaces before it becomes visible, so a
 * thread still looking at the old one can take nothing from it.
 *
 * <p>Thread-safe and lock-free.
 */
final class LeasedPermits {

  /** One lease's permits; the count only goes down, to 0 at the latest when it is replaced. */
  private static final class Grant {
    private static final VarHandle LEFT;

    static {
      try {
        LEFT = MethodHandles.lookup().findVarHandle(Grant.class, "left", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final long expiresAt;
    @SuppressWarnings("unused") // through LEFT
    private volatile long left;

    Grant(long left, long expiresAt) {
      this.left = left;
      this.expiresAt = expiresAt;
    }
  }

  private final TimeSource time;
  private final long validityNanos;
  private final AtomicBoolean refilling = new AtomicBoolean();
  private volatile Grant current = new Grant(0, 0);

  /**
   * @param time the clock of the validity
   * @param validityNanos how long a lease's permits may be used after the lease was asked for
   */
  LeasedPermits(TimeSource time, long validityNanos) {
    this.time = time;
    this.validityNanos = validityNanos;
  }

  /** {@return whether a held, still valid permit was taken} */
  boolean take() {
    Grant grant = current;
    long left = (long) Grant.LEFT.getVolatile(grant);
    if (left <= 0 || time.nanoTime() - grant.expiresAt >= 0) {
      return false;
    }
    while (!Grant.LEFT.compareAndSet(grant, left, left - 1)) {
      left = (long) Grant.LEFT.getVolatile(grant);
      if (left <= 0) {
        return false;
      }
    }
    return true;
  }

  /** {@return the permits held and still valid now} */
  long held() {
    Grant grant = current;
    return time.nanoTime() - grant.expiresAt >= 0 ? 0 : Math.max(0, (long) Grant.LEFT.getVolatile(grant));
  }

  /**
   * {@return whether the caller may fetch a lease: then it must call {@link #endRefill} when done;
   * else another thread is fetching one}
   */
  boolean claimRefill() {
    return !refilling.get() && refilling.compareAndSet(false, true);
  }

  /** Ends the fetch the caller {@link #claimRefill claimed}. */
  void endRefill() {
    refilling.set(false);
  }

  /** {@return {@link TimeSource#nanoTime()} now: a lease's validity starts before it is asked for} */
  long now() {
    return time.nanoTime();
  }

  /**
   * Holds the permits of a new lease in place of the previous one's, whose permits are lost. Only
   * by the thread that {@link #claimRefill claimed} the fetch.
   *
   * @param permits the permits to hold, {@code >= 1}
   * @param askedAt {@link #now()} before the lease was asked for
   */
  void refill(long permits, long askedAt) {
    Grant fresh = new Grant(permits, askedAt + validityNanos);
    Grant.LEFT.setVolatile(current, 0L);
    current = fresh;
  }
}
