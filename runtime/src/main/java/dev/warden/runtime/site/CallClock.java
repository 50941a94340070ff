package dev.warden.runtime.site;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The timed calls running on one thread, as a stack of frames, and the one deadline of theirs that
 * the {@link TimeoutTimer} watches. One per thread and timer, created on the thread's first timed
 * call and reused for every later one: a call arms and disarms it in place, so the success path
 * allocates nothing.
 *
 * <p>Only the earliest deadline of the active frames is armed (the outer frames outlive an inner
 * one, so a later inner deadline can never come first). A frame that takes the armed slot over
 * from an outer frame gives it back when it ends.
 *
 * <p>The armed slot is one word, {@code seq << 3 | phase}, changed by compare-and-set. The owner
 * arms ({@code IDLE|UNLISTED(n) -> ARMED(n+1)}) and disarms ({@code ARMED(n) -> IDLE(n)}); the timer
 * fires ({@code ARMED(n) -> FIRING(n)}, interrupts, then {@code FIRED(n)} or {@code FIRED_FOUND(n)}
 * when the flag was already set) and lets idle clocks go ({@code IDLE(n) -> UNLISTED(n)}). Because
 * the sequence number changes on every arm, the timer can act on one call at most once, and the
 * owner's disarm and the timer's fire cannot both succeed: a call that disarmed first is never
 * interrupted; a call whose disarm lost waits for {@code FIRED} and clears the interrupt Warden
 * raised before it returns.
 *
 * <p>Thread-safety: {@link #enter}, {@link #exit}, {@link #inner}, {@link #startNanos}, {@link
 * #deadlineNanos} and {@link #exitedLimitNanos} are for the owner thread only; the timer reads the
 * armed slot concurrently through the package-private methods it uses.
 */
final class CallClock {

  static final int UNLISTED = 0;
  static final int IDLE = 1;
  static final int ARMED = 2;
  static final int FIRING = 3;
  static final int FIRED = 4;
  static final int FIRED_FOUND = 5;

  private static final int PHASE_BITS = 3;
  private static final long PHASE_MASK = (1L << PHASE_BITS) - 1;

  private static final VarHandle STATE;
  private static final VarHandle DEADLINE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(CallClock.class, "state", long.class);
      DEADLINE = lookup.findVarHandle(CallClock.class, "armedDeadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TimeoutTimer timer;
  private final Thread owner;

  /** {@code seq << 3 | phase}; see the class comment. */
  private volatile long state = UNLISTED;
  /** The armed deadline: written (opaque) by the owner before it arms, read by the timer after the state. */
  @SuppressWarnings("unused") // through DEADLINE
  private long armedDeadline;

  // Owner only.
  private int depth;
  private long[] starts = new long[4];
  private long[] deadlines = new long[4];
  private Object[] inners = new Object[4];
  /** Per frame that took the armed slot: the frame that held it before, or -1. */
  private int[] previous = new int[4];
  /** The frame whose deadline is in the armed slot (armed, firing or fired), or -1. */
  private int armedDepth = -1;

  // Timer only.
  /** The next clock on the timer's inbound stack. */
  CallClock nextInbound;
  /** The state the timer saw at its last sweep, and for how many sweeps in a row it was that idle state. */
  long seen = -1;
  int idleSweeps;

  CallClock(TimeoutTimer timer, Thread owner) {
    this.timer = timer;
    this.owner = owner;
  }

  /**
   * Starts a timed call: pushes a frame whose deadline is {@code nanos} after now and, if {@code
   * interrupt}, arms it for the timer as the last step (when it is the earliest active deadline).
   *
   * @param nanos the time the call may take, 1 to 2^62 (validated by the configuration)
   * @param interrupt whether the timer interrupts this thread at the deadline
   * @param inner the enclosing guards' permit for this call, returned by {@link #inner()}
   * @return this clock (the site's permit for the call)
   */
  CallClock enter(long nanos, boolean interrupt, Object inner) {
    int frame = depth;
    if (frame == starts.length) {
      grow();
    }
    long start = timer.time.nanoTime();
    long deadline = start + nanos;
    starts[frame] = start;
    deadlines[frame] = deadline;
    inners[frame] = inner;
    depth = frame + 1;
    if (interrupt) {
      try {
        timer.noteNanos(nanos);
        armFrame(frame, deadline);
      } catch (Throwable e) { // e.g. StackOverflowError: the call does not start, and leaves nothing armed
        abandon(frame);
        throw e;
      }
    }
    return this;
  }

  /**
   * Removes a frame whose arming failed part-way: disarms it if its deadline got armed, else
   * gives the slot back to the frame that held it before.
   */
  private void abandon(int frame) {
    depth = frame;
    inners[frame] = null;
    if (armedDepth != frame) {
      return;
    }
    disarm();
  }

  /** {@return the top frame's inner permit} */
  Object inner() {
    return inners[depth - 1];
  }

  /** {@return the top frame's start, in the timer's time source} */
  long startNanos() {
    return starts[depth - 1];
  }

  /** {@return the top frame's deadline, in the timer's time source} */
  long deadlineNanos() {
    return deadlines[depth - 1];
  }

  /** {@return the time limit of the frame {@link #exit()} ended last, until another frame starts} */
  long exitedLimitNanos() {
    return deadlines[depth] - starts[depth];
  }

  /**
   * Ends the top frame: disarms first, then judges by the clock. If the timer interrupted this
   * thread for this frame, the interrupt is cleared before this returns; an interrupt found pending
   * at the deadline, or one raised for an outer frame, is left alone.
   *
   * @return whether the call timed out: it ended at or after its deadline
   * @throws IllegalStateException if no frame is active
   */
  boolean exit() {
    int frame = depth - 1;
    if (frame < 0) {
      throw new IllegalStateException("CallClock.exit() without a matching enter()");
    }
    depth = frame; // first: whatever is thrown below, the frames stay matched to their calls
    inners[frame] = null;
    boolean fired = frame == armedDepth && disarm();
    return fired || timer.time.nanoTime() - deadlines[frame] >= 0;
  }

  /**
   * Arms the frame's deadline if it is the earliest active one: fresh when nothing is armed, or
   * taking the slot over from an outer frame that is still armed (not firing or fired).
   */
  private void armFrame(int frame, long deadline) {
    int holder = armedDepth;
    if (holder >= 0) {
      long s = state;
      if (deadline - deadlines[holder] >= 0 || phase(s) != ARMED || !STATE.compareAndSet(this, s, s - ARMED + IDLE)) {
        return; // a later deadline, or the outer one is firing or fired: its interrupt is pending meanwhile
      }
    }
    previous[frame] = holder;
    armedDepth = frame;
    arm(deadline);
  }

  /**
   * Disarms the armed slot, whose owner frame is ending; hands it back to the frame that held it
   * before. Waits while the timer is between its compare-and-set and its interrupt.
   *
   * @return whether the timer fired for this frame
   */
  private boolean disarm() {
    long s = state;
    if (phase(s) == ARMED && STATE.compareAndSet(this, s, s - ARMED + IDLE)) {
      release();
      return false;
    }
    if (phase(s) == IDLE || phase(s) == UNLISTED) { // never armed (an arm that failed part-way): nothing fired
      release();
      return false;
    }
    s = awaitFired();
    if (phase(s) == FIRED) {
      Thread.interrupted(); // the interrupt Warden raised, and only that one (the flag was clear before)
    }
    state = (s & ~PHASE_MASK) | IDLE; // the timer never changes a fired state
    release();
    return true;
  }

  /** Passes the slot back to the frame that held it before the ending one, re-arming its deadline. */
  private void release() {
    int holder = previous[armedDepth];
    armedDepth = holder;
    if (holder >= 0) {
      arm(deadlines[holder]);
    }
  }

  private long awaitFired() {
    long s;
    for (int spins = 0; phase(s = state) == FIRING; spins++) {
      if (spins < 64) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    return s;
  }

  /**
   * Arms the slot with {@code deadline} (as the last step): {@code IDLE|UNLISTED(n) -> ARMED(n+1)}.
   * A clock the timer had let go is handed to it again.
   */
  private void arm(long deadline) {
    DEADLINE.setOpaque(this, deadline);
    long s;
    do {
      s = state; // IDLE or UNLISTED; only the timer changes it meanwhile (IDLE -> UNLISTED)
    } while (!STATE.compareAndSet(this, s, (s & ~PHASE_MASK) + (1L << PHASE_BITS) + ARMED));
    timer.armed(this, deadline, phase(s) == UNLISTED);
  }

  // Timer side.

  long state() {
    return state;
  }

  /** {@return the armed deadline; read after a state of {@code ARMED}, it is that arm's deadline or a later one's} */
  long armedDeadline() {
    return (long) DEADLINE.getOpaque(this);
  }

  /**
   * Fires the arm {@code armed} if it is still current: interrupts the owner unless its flag is
   * already set.
   *
   * @return whether this call fired it
   */
  boolean fire(long armed, TimeoutTimer.FiringHook hook) {
    if (!STATE.compareAndSet(this, armed, armed - ARMED + FIRING)) {
      return false;
    }
    hook.firing(this);
    boolean found = owner.isInterrupted();
    if (!found) {
      owner.interrupt();
    }
    state = armed - ARMED + (found ? FIRED_FOUND : FIRED);
    return true;
  }

  /** Lets an idle clock go: {@code IDLE(n) -> UNLISTED(n)}; its next arm hands it to the timer again. */
  boolean unlist(long idle) {
    return STATE.compareAndSet(this, idle, idle - IDLE + UNLISTED);
  }

  Thread owner() {
    return owner;
  }

  static int phase(long state) {
    return (int) (state & PHASE_MASK);
  }

  private void grow() {
    int capacity = starts.length * 2;
    starts = Arrays.copyOf(starts, capacity);
    deadlines = Arrays.copyOf(deadlines, capacity);
    inners = Arrays.copyOf(inners, capacity);
    previous = Arrays.copyOf(previous, capacity);
  }
}
