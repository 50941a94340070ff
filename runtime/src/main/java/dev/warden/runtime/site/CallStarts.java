package dev.warden.runtime.site;

import java.util.Arrays;

/**
 * The starts of the measured calls ({@code @CountCalls(latency = true)}) running on one thread,
 * innermost last: a call pushes its start when it enters and the end of the call on the same
 * thread pops it, so the permit handed to woven and generated code needs no room for it. Calls
 * nest on a thread, so starts and ends pair up as a stack. One per thread, created on its first
 * measured call and reused for every later one: no allocation per call.
 *
 * <p>Not thread-safe: each instance belongs to its thread.
 */
final class CallStarts {

  private static final ThreadLocal<CallStarts> OF_THREAD = ThreadLocal.withInitial(CallStarts::new);

  private long[] starts = new long[8];
  private int depth;

  private CallStarts() {}

  /** Pushes the start of a call entering on this thread. */
  static void push(long start) {
    CallStarts own = OF_THREAD.get();
    if (own.depth == own.starts.length) {
      own.starts = Arrays.copyOf(own.starts, own.depth * 2);
    }
    own.starts[own.depth++] = start;
  }

  /**
   * {@return the start of this thread's innermost measured call, which ends now}
   *
   * @throws IllegalStateException if no measured call is running on this thread
   */
  static long pop() {
    CallStarts own = OF_THREAD.get();
    if (own.depth == 0) {
      throw new IllegalStateException("A measured call ended on a thread where none started");
    }
    return own.starts[--own.depth];
  }
}
