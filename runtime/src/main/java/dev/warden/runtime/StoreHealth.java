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
 * logs one INFO and starts a new period up.
 *
 * <p>A caller asks {@link #admit()} for a ticket, makes its call if it got one, and reports the
 * outcome with that ticket. A ticket names the period it was issued in, so a late failure of a
 * call sent in an earlier period (before an outage that has since ended) changes nothing. While
 * the store is up, admitting reads one volatile field and allocates nothing.
 *
 * <p>Thread-safe and lock-free.
 */
final class StoreHealth {

  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** One health per open store, by identity; a store no limiter holds any more is dropped. */
  private static final Map<StoreKey, StoreHealth> STORES = new ConcurrentHashMap<>();

  /** How messages name what fails, e.g. {@code store redis://cache:6379}. */
  private final String subject;
  private final TimeSource time;
  /** The current period: up (an {@link Up}), down (an {@link Outage}), or a probe in flight. */
  private final AtomicReference<Ticket> state = new AtomicReference<>(new Up());

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
   * A ticket for a call to the store: the current period up, a probe (the store is down and this
   * caller won the right to try it), or {@code null}: the store is down, do not call it.
   */
  Ticket admit() {
    Ticket current = state.get();
    if (current instanceof Up) {
      return current;
    }
    Outage down = (Outage) current;
    long now = time.nanoTime();
    if (now - down.probeAt < 0) {
      return null;
    }
    // Claiming moves the next probe a back-off ahead, so a prober that never reports back
    // (an Error) delays the next probe rather than stopping probes.
    Outage probe = new Outage(down.since, down.backoffNanos, now + down.backoffNanos, down);
    return state.compareAndSet(down, probe) ? probe : null;
  }

  /** {@return the current period's ticket if the store is up, else {@code null}}; never claims a probe */
  Ticket ifUp() {
    Ticket current = state.get();
    return current instanceof Up ? current : null;
  }

  /** The call of {@code ticket} was not made after all (another check refused it). */
  void abandon(Ticket ticket) {
    if (ticket instanceof Outage probe) {
      state.compareAndSet(probe, probe.claimedFrom);
    }
  }

  /** The call of {@code ticket} was answered; a probe's answer ends the outage. */
  void succeeded(Ticket ticket) {
    if (ticket instanceof Outage probe && state.compareAndSet(probe, new Up())) {
      long millis = TimeUnit.NANOSECONDS.toMillis(time.nanoTime() - probe.since);
      LOG.log(System.Logger.Level.INFO, "Warden " + subject + " answers again after " + millis + " ms");
    }
  }

  /**
   * The call of {@code ticket}, made for {@code guard}, failed with {@code cause}: the first
   * failure of a period up starts an outage; a failed probe doubles the back-off; the failure of a
   * call from an earlier period changes nothing.
   */
  void failed(Ticket ticket, RuntimeException cause, String guard, OnStoreFailure policy) {
    long now = time.nanoTime();
    if (ticket instanceof Up) {
      if (state.compareAndSet(ticket, new Outage(now, FIRST_BACKOFF_NANOS, now + FIRST_BACKOFF_NANOS, null))) {
        logDown(cause, guard, policy);
      }
      return;
    }
    Outage probe = (Outage) ticket;
    long backoff = Math.min(probe.backoffNanos * 2, MAX_BACKOFF_NANOS);
    state.compareAndSet(probe, new Outage(probe.since, backoff, now + backoff, null));
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

  /** A period of the store's health, as handed to a caller; compared by identity. */
  abstract static class Ticket {}

  /** A period up: one object per period, so a ticket of an earlier one is told apart. */
  static final class Up extends Ticket {}

  /**
   * An outage, immutable: when it began, the current back-off and when the next probe is due
   * ({@link System#nanoTime()} readings); a probe's ticket also holds the state it was claimed from.
   */
  static final class Outage extends Ticket {
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
