package dev.warden.runtime.site;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A one-shot task with a deadline, run by a {@link TimeoutTimer} ({@link TimeoutTimer#schedule})
 * at or after its deadline unless it was cancelled first. An asynchronous timed call's completion
 * extends it (so it costs no extra object), and so can anything else that must happen later
 * without a waiting thread.
 *
 * <p>Thread-safety: {@link #cancel()} may be called from any thread, concurrently with the timer;
 * exactly one of them wins: either {@code cancel()} returns {@code true} and {@link #expire()}
 * never runs, or {@code expire()} runs once and {@code cancel()} returns {@code false}.
 */
abstract class AsyncDeadline {

  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int EXPIRED = 2;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(AsyncDeadline.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long deadlineNanos;
  private volatile int state;

  /** The next task on the timer's inbound stack (timer and scheduling thread only). */
  AsyncDeadline nextInbound;
  /** How many tasks the inbound stack held with this one on top (scheduling thread only). */
  int inboundCount;

  /**
   * @param deadlineNanos when it expires, absolute in the timer's time source
   */
  protected AsyncDeadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Runs at most once, at or after the deadline: on the timer's hand-off executor (on the timer
   * thread only if that executor refuses it), or on the thread of whoever claimed the expiry
   * ({@link #claimExpiry()}) for a deadline already past.
   */
  abstract void expire();

  /** {@return true iff this won against expiry; after {@code true}, {@link #expire()} never runs} */
  final boolean cancel() {
    return STATE.compareAndSet(this, PENDING, CANCELLED);
  }

  final long deadlineNanos() {
    return deadlineNanos;
  }

  /** {@return whether neither cancelled nor expired} */
  final boolean pending() {
    return state == PENDING;
  }

  /** {@return true iff expiry won against {@link #cancel()}; the timer then hands {@link #expire()} off} */
  final boolean claimExpiry() {
    return STATE.compareAndSet(this, PENDING, EXPIRED);
  }
}
