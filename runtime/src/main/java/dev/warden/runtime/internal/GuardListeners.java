package dev.warden.runtime.internal;

import dev.warden.runtime.Guard;
import dev.warden.runtime.GuardListener;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The registry's guard listeners and what each has still to be told.
 *
 * <p>Exactly once, in order: making a guard the newest of its name and queueing it for every
 * listener happen in one step under {@link #lock}, and so does adding a listener with the newest
 * guards as its first queue. A guard published before an addition is in that snapshot and not
 * queued for the new listener; one published after is queued and not in the snapshot. Each
 * listener's queue is then drained by one thread at a time, outside the registry's locks, so a
 * listener may read the registry without a lock-order deadlock against a name being declared. A
 * guard a listener creates is queued behind the one at hand and told when that call returns.
 *
 * <p>A thread that finds a queue being drained by another thread waits for that drain (the
 * monitor of {@code Subscription.drain}) instead of leaving its guard to the draining thread: so
 * when a guard's creation or a listener's addition returns, the listener has been told of it, as
 * {@link GuardListener#guardCreated} promises. The price, a creating thread blocked behind another
 * thread's listener, is documented on {@link GuardListener}.
 *
 * <p>Thread-safe. Guard creation is rare (once per name, kind and class loader), so the one lock
 * costs nothing on a call's path.
 */
final class GuardListeners {

  private static final System.Logger LOG = System.getLogger("dev.warden");

  private final Object lock = new Object();
  /** Written under {@link #lock}; read without it to drain. */
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  /**
   * Makes {@code guard} the newest of its name by running {@code makeNewest}, and queues it for
   * every listener, in one step. The caller then calls {@link #deliver()}, holding no lock.
   */
  void publish(Guard guard, Runnable makeNewest) {
    synchronized (lock) {
      makeNewest.run();
      for (Subscription subscription : subscriptions) {
        subscription.pending.add(guard);
      }
    }
  }

  /** Tells every listener what is queued for it; returns when its queue is empty. */
  void deliver() {
    for (Subscription subscription : subscriptions) {
      subscription.drain();
    }
  }

  /**
   * Adds {@code listener} and tells it of the guards {@code newest} supplies (read under the lock
   * that {@link #publish} takes), then of every guard published later.
   */
  void add(GuardListener listener, Supplier<List<Guard>> newest) {
    Objects.requireNonNull(listener, "listener");
    Subscription subscription;
    synchronized (lock) {
      subscription = new Subscription(listener, newest.get());
      subscriptions.add(subscription);
    }
    subscription.drain();
  }

  /** Removes one registration of {@code listener}; returns whether there was one. */
  boolean remove(GuardListener listener) {
    synchronized (lock) {
      for (Subscription subscription : subscriptions) {
        if (subscription.listener.equals(listener)) {
          subscription.removed = true;
          return subscriptions.remove(subscription);
        }
      }
      return false;
    }
  }

  /** One registration: its listener and the guards it has yet to be told of, oldest first. */
  private static final class Subscription {
    final GuardListener listener;
    final Queue<Guard> pending;
    volatile boolean removed;
    /** Guarded by {@code this}: the thread telling the listener now, or {@code null}. */
    private Thread draining;

    Subscription(GuardListener listener, List<Guard> existing) {
      this.listener = listener;
      this.pending = new ConcurrentLinkedQueue<>(existing);
    }

    /**
     * Tells the listener of each queued guard, one call at a time, in queue order. Called again
     * from within the listener (it created a guard), returns at once: the loop below tells it.
     */
    synchronized void drain() {
      if (draining == Thread.currentThread()) {
        return;
      }
      draining = Thread.currentThread();
      try {
        for (Guard guard = pending.poll(); guard != null && !removed; guard = pending.poll()) {
          tell(guard);
        }
      } finally {
        draining = null;
      }
    }

    private void tell(Guard guard) {
      try {
        listener.guardCreated(guard);
      } catch (Throwable e) {
        try {
          LOG.log(System.Logger.Level.WARNING, "Guard listener failed on '" + guard.name() + "'", e);
        } catch (Throwable logFailure) {
          // a failing logging backend must not stop delivery of the other guards
        }
      }
    }
  }
}
