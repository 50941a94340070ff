package dev.warden.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Makes one call fail once and then succeed: the benchmark {@linkplain #arm() arms} it before the
 * call, and the body's first {@linkplain #attempt() attempt} throws {@link #FAILURE} and disarms
 * it, so the retry's second attempt succeeds. Every retry benchmark, Warden's and the anchors',
 * throws the same preallocated exception without a stack trace, so what is measured is the retry,
 * not the building of an exception.
 *
 * <p>One per benchmark thread ({@code Scope.Thread}); not thread-safe.
 */
@State(Scope.Thread)
public class FailOnce {

  /** What the first attempt throws: an ordinary exception, retried by every anchor and by {@code @Retry}. */
  static final RuntimeException FAILURE = new AttemptFailed();

  private boolean armed;

  /** Creates a disarmed instance (JMH creates one per thread). */
  public FailOnce() {}

  /** Makes the next attempt fail. */
  void arm() {
    armed = true;
  }

  /**
   * One attempt of the body.
   *
   * @throws RuntimeException {@link #FAILURE} if armed (then disarms)
   */
  void attempt() {
    if (armed) {
      armed = false;
      throw FAILURE;
    }
  }

  /** The failure of a first attempt; shared, so it has no stack trace and cannot be suppressed into. */
  private static final class AttemptFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AttemptFailed() {
      super("the first attempt fails", null, false, false);
    }
  }
}
