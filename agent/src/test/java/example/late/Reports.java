package example.late;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Timeout;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bodies that end 200 ms after they start (measured by themselves) under a 50 ms limit that does
 * not interrupt: the woven exit advice ends each call with a {@code CallTimeoutException} thrown
 * by the site's {@code onReturn}, {@code onSuccess} or {@code onFailure}.
 */
public class Reports {

  static final long BODY_MILLIS = 200;

  /** How often the body of {@link #staticValue} ran its {@code finally} block. */
  static int finallyRan;

  @CountCalls
  @Breaker(failureThreshold = 2, cooldownMillis = 600_000)
  @Timeout(millis = 50, interrupt = false)
  public String value() {
    park();
    return "late value";
  }

  @CountCalls
  @Timeout(millis = 50, interrupt = false)
  public void nothing() {
    park();
  }

  @CountCalls
  @Breaker(failureThreshold = 2, cooldownMillis = 600_000)
  @Timeout(millis = 50, interrupt = false)
  public String failure() {
    park();
    throw new IllegalStateException("late failure");
  }

  @CountCalls
  @Timeout(millis = 50, interrupt = false)
  public static int staticValue() {
    try {
      park();
      return 42;
    } finally {
      finallyRan++;
    }
  }

  private static void park() {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BODY_MILLIS);
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }
}
