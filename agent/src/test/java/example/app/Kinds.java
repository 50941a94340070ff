package example.app;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import java.io.IOException;

/** The same guards on an instance, a static, a private and a final method. */
public class Kinds {

  /** The last exception a breaker method threw itself, to check it arrives unchanged. */
  public static IOException lastThrown;
  /** How often a breaker method body ran. */
  public static int bodyRuns;

  private static String body(boolean fail) throws IOException {
    bodyRuns++;
    if (fail) {
      lastThrown = new IOException("own failure");
      throw lastThrown;
    }
    return "ok";
  }

  @CountCalls
  @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
  public int instanceThrottled() {
    return 1;
  }

  @CountCalls
  @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
  public static int staticThrottled() {
    return 1;
  }

  @CountCalls
  @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
  private int privateThrottled() {
    return 1;
  }

  public int callPrivateThrottled() {
    return privateThrottled();
  }

  @CountCalls
  @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
  public final int finalThrottled() {
    return 1;
  }

  @CountCalls
  @Breaker(failureThreshold = 2, cooldownMillis = 1000)
  public String instanceBreaker(boolean fail) throws IOException {
    return body(fail);
  }

  @CountCalls
  @Breaker(failureThreshold = 2, cooldownMillis = 1000)
  public static String staticBreaker(boolean fail) throws IOException {
    return body(fail);
  }

  @CountCalls
  @Breaker(failureThreshold = 2, cooldownMillis = 1000)
  private String privateBreaker(boolean fail) throws IOException {
    return body(fail);
  }

  public String callPrivateBreaker(boolean fail) throws IOException {
    return privateBreaker(fail);
  }

  @CountCalls
  @Breaker(failureThreshold = 2, cooldownMillis = 1000)
  public final String finalBreaker(boolean fail) throws IOException {
    return body(fail);
  }
}
