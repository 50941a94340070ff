package dev.warden.runtime.site;

import java.util.Arrays;

/**
 * The starts of the measured calls ({@code @CountCalls(latency = true)}) running on one thread,
 * innermost last, each paired with its owner (the call's site): a call pushes its start when it
 * enters and its end pops it, so the permit handed to woven and generated code needs no room for
 * it. Calls nest on a thread, so starts and ends pair up as a stack.
 *
 * <p>An end pops only a start its own site pushed on top of the ending thread's stack; otherwise
 * it finds {@link #NONE}, and the call is counted without a duration. That is the case of a call
 * ended on another thread than the one it entered on (a hand-written wrapper of a callback API):
 * its start stays on the entering thread. So that such starts cannot pile up, a thread keeps at
 * most {@link #CAPACITY} starts: a push onto a full stack overwrites the oldest one (the
 * outermost call, which is then counted without a duration). Measured calls nested deeper than
 * that lose the durations of their outermost calls only.
 *
 * <p>Allocation: one {@code CallStarts} per thread (with its {@link ThreadLocal} entry), on the
 * thread's first measured call; the arrays only when measured calls first nest on the thread,
 * grown by doubling up to {@link #CAPACITY}. A thread that runs one measured call at a time (a
 * virtual thread per task, typically) never allocates the arrays; a reused thread allocates
 * nothing per call.
 *
 * <p>Not thread-safe: each instance belongs to its thread.
 */
final class CallStarts {

  /** What {@link #pop} returns when the top start is not the ending call's. */
  static final long NONE = Long.MIN_VALUE;
  /** The most starts a thread keeps. */
  static final int CAPACITY = 64;

  private static final ThreadLocal<CallStarts> OF_THREAD = ThreadLocal.withInitial(CallStarts::new);

  /** The only start while the thread has never nested measured calls ({@code owners == null}). */
  private Object soleOwner;
  private long soleStart;
  /** A ring of starts once calls nested: entries {@code top - depth .. top - 1}, modulo the length. */
  private Object[] owners;
  private long[] starts;
  private int top;
  private int depth;

  private CallStarts() {}

  /**
   * Pushes the start of a call of {@code owner} entering on this thread. A start that happens to
   * equal {@link #NONE} is kept 1 ns later.
   */
  static void push(Object owner, long start) {
    OF_THREAD.get().pushOwn(owner, start == NONE ? NONE + 1 : start);
  }

  /**
   * {@return the start of this thread's innermost measured call if {@code owner} pushed it, which
   * is then removed; else {@link #NONE}, and nothing is removed}
   */
  static long pop(Object owner) {
    return OF_THREAD.get().popOwn(owner);
  }

  private void pushOwn(Object owner, long start) {
    if (owners == null) {
      if (depth == 0) {
        soleOwner = owner;
        soleStart = start;
        depth = 1;
        return;
      }
      owners = new Object[] {soleOwner, null, null, null};
      starts = new long[] {soleStart, 0, 0, 0};
      soleOwner = null;
      top = 1;
    } else if (depth == owners.length && depth < CAPACITY) { // full but not wrapped: entries 0 .. depth - 1
      owners = Arrays.copyOf(owners, Math.min(CAPACITY, depth * 2));
      starts = Arrays.copyOf(starts, owners.length);
      top = depth; // was 0: the top had come round to the start
    }
    owners[top] = owner;
    starts[top] = start;
    top = (top + 1) % owners.length;
    depth = Math.min(depth + 1, owners.length);
  }

  private long popOwn(Object owner) {
    if (owners == null) {
      if (depth == 0 || soleOwner != owner) {
        return NONE;
      }
      soleOwner = null;
      depth = 0;
      return soleStart;
    }
    int last = (top == 0 ? owners.length : top) - 1;
    if (depth == 0 || owners[last] != owner) {
      return NONE;
    }
    owners[last] = null;
    top = last;
    depth--;
    return starts[last];
  }
}
