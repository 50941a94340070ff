package dev.warden.benchmarks;

import dev.warden.annotations.Timeout;
import java.util.concurrent.Callable;

/**
 * Warden's row of {@link TimeoutPrecision}: a body run under {@code @Timeout(millis = 50)}, through
 * the processor-generated {@code GuardedTimedBody}. Thread-safe (stateless).
 */
public class TimedBody {

  /** Creates the body runner. */
  public TimedBody() {}

  /**
   * Runs {@code body} under a 50 ms timeout that interrupts.
   *
   * @param body the body
   * @throws Exception what the body throws, or Warden's {@code CallTimeoutException}
   */
  @Timeout(millis = 50)
  public void run(Callable<Void> body) throws Exception {
    body.call();
  }
}
