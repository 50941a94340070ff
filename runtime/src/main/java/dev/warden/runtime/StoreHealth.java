package dev.warden.runtime;

import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.StoreException;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a shared store (or one guard's bucket in it) answers: up, or down since its first
 * failure. The first failure logs one WARNING; while down, calls are not sent to the store until
 * a back-off expires (100 ms, doubling after each failed probe, at most 5 s); then exactly one
 * caller, the one that wins a compare-and-set, probes it with its real call. A successful probe
 * logs one INFO and the store is up again.
 *
 * <p>A caller asks {@link #admit()} for a ticket, makes its call if it got one, and reports the
 * outcome with that ticket. While the store is up, admitting reads one volatile field and
 * allocates nothing.
 *
 * <p>Thread-safe and lock-free.
 */
final class StoreHealth {

  /** The ticket of a call made while the store is up. */
  static final Outage UP = new Outage(0, 0, 0, null);

  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** One health per open store, by identity; a store no limiter holds any more is dropped. */
  private static final Map<StoreKey, StoreHealth> STORES = new ConcurrentHashMap<>();

  /** How messages name what fails, e.g. {@code store redis://cache:6379}. */
  private final String subject;
  private final TimeSource time;
  /** {@code null} while up. */
  private final AtomicReference<Outage> outage = new AtomicReference<>();

  private StoreHealth(String subject, TimeSource time) {
    this.subject = subject;
    this.time = time;
  }

  /**
   * The health of {@code store}, shared by every limiter bound to it; the first limiter's clock
   * times its back-off.
   */
  static StoreHealth of(BucketStore store, TimeSource time) {
    STORES.keySet().removeIf(StoreKey::isCleared);
    return STORES.computeIfAbsent(new StoreKey(store), k -> new StoreHealth("store " + store.describe(), time));
  }

  /** The health of guard {@code guard}'s bucket in {@code store}, of that guard's limiter alone. */
  static StoreHealth ofBucket(String guard, BucketStore store, TimeSource time) {
    return new StoreHealth("bucket of @Throttled guard '" + guard + "' in store " + store.describe(), time);
  }

  /**
   * A ticket for a call to the store: {@link #UP}, a probe (the store is down and this caller
   * won the right to try it), or {@code null}: the store is down, do not call it.
   */
  Outage admit() {
    Outage current = outage.get();
    if (current == null) {
      return UP;
    }
    long now = time.nanoTime();
    if (now - current.probeAt < 0) {
      return null;
    }
    // Claiming moves the next probe a back-off ahead, so a prober that never reports back
    // (an Error) delays the next probe rather than stopping probes.
    Outage probe = new Outage(current.since, current.backoffNanos, now + current.backoffNanos, current);
    return outage.compareAndSet(current, probe) ? probe : null;
  }

  /** Whether calls are kept from the store now (it is down); never claims a probe. */
  boolean isDown() {
    return outage.get() != null;
  }

  /** The call of {@code ticket} was not made after all (another check refused it). */
  void abandon(Outage ticket) {
    if (ticket != UP) {
      outage.compareAndSet(ticket, ticket.claimedFrom);
    }
  }

  /** The call of {@code ticket} was answered; a probe's answer ends the outage. */
  void succeeded(Outage ticket) {
    if (ticket != UP && outage.compareAndSet(ticket, null)) {
      long millis = TimeUnit.NANOSECONDS.toMillis(time.nanoTime() - ticket.since);
      LOG.log(System.Logger.Level.INFO, "Warden " + subject + " answers again after " + millis + " ms");
    }
  }

  /**
   * The call of {@code ticket}, made for {@code guard}, failed with {@code cause}: the first
   * failure while up starts an outage; a failed probe doubles the back-off.
   */
  void failed(Outage ticket, RuntimeException cause, String guard, OnStoreFailure policy) {
    long now = time.nanoTime();
    if (ticket == UP) {
      if (outage.compareAndSet(null, new Outage(now, FIRST_BACKOFF_NANOS, now + FIRST_BACKOFF_NANOS, null))) {
        logDown(cause, guard, policy);
      }
      return;
    }
    long backoff = Math.min(ticket.backoffNanos * 2, MAX_BACKOFF_NANOS);
    outage.compareAndSet(ticket, new Outage(ticket.since, backoff, now + backoff, null));
  }

  private void logDown(RuntimeException cause, String guard, OnStoreFailure policy) {
    boolean expected = cause instanceof StoreException;
    String message = "Warden " + subject + " fails: " + (expected ? cause.getMessage() : cause.toString())
        + "; calls follow their guard's onStoreFailure policy (guard '" + guard + "': " + policy
        + ") until it answers again";
    if (expected) {
      LOG.log(System.Logger.Level.WARNING, message);
    } else { // a provider's defect: its stack trace helps
      LOG.log(System.Logger.Level.WARNING, message, cause);
    }
  }

  /**
   * An outage, immutable: when it began, the current back-off and when the next probe is due
   * ({@link System#nanoTime()} readings); a probe's ticket also holds the state it was claimed from.
   */
  static final class Outage {
    final long since;
    final long backoffNanos;
    final long probeAt;
    final Outage claimedFrom;

    Outage(long since, long backoffNanos, long probeAt, Outage claimedFrom) {
      this.since = since;
      this.backoffNanos = backoffNanos;
      this.probeAt = probeAt;
      this.claimedFrom = claimedFrom;
    }
  }

  /** A store held weakly, equal to another key of the same store (identity). */
  private static final class StoreKey extends WeakReference<BucketStore> {
    private final int hash;

    StoreKey(BucketStore store) {
      super(store);
      this.hash = System.identityHashCode(store);
    }

    boolean isCleared() {
      return get() == null;
    }

    @Override
    public boolean equals(Object other) {
      return other == this
          || other instanceof StoreKey key && key.hash == hash && key.get() != null && key.get() == get();
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
