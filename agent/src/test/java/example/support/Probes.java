package example.support;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.Warden;

/**
 * Probes shared by the fixture programs that run in forked JVMs (the {@code example.*} mains and the
 * configured-guards application, which packs this class into its jar). Stateless; thread-safe.
 */
public final class Probes {

  private Probes() {}

  /**
   * Whether {@code thread} parks in {@code LockSupport} (timed), polled at most {@code attempts}
   * times, one millisecond apart.
   */
  public static boolean awaitParked(Thread thread, int attempts) throws InterruptedException {
    for (int i = 0; i < attempts; i++) {
      if (thread.getState() == Thread.State.TIMED_WAITING) {
        for (StackTraceElement frame : thread.getStackTrace()) {
          if (frame.getClassName().equals("java.util.concurrent.locks.LockSupport")) {
            return true;
          }
        }
      }
      Thread.sleep(1);
    }
    return false;
  }

  /**
   * What is wrong with the calls/successes/failures/rejections of {@code guard}, or {@code null}
   * when its {@link CallStats} hold exactly those numbers.
   */
  public static String countsProblem(String guard, long calls, long successes, long failures, long rejections) {
    CallStats stats = Warden.callStats(guard).orElse(null);
    if (stats == null) {
      return "no CallStats " + guard;
    }
    String expected = calls + "/" + successes + "/" + failures + "/" + rejections;
    String actual = stats.calls() + "/" + stats.successes() + "/" + stats.failures() + "/" + stats.rejections();
    return expected.equals(actual) ? null
        : guard + " calls/successes/failures/rejections: expected " + expected + ", got " + actual;
  }
}
