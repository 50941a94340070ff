package example.app;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;

/** Type-level guards: public non-static methods get them; a method's own annotation replaces them. */
@CountCalls
@Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
public class ClassLevel {

  public int inherits() {
    return 1;
  }

  @Throttled(callsPerSecond = 1000, burst = 100, maxWaitMillis = 0)
  public int ownThrottle() {
    return 2;
  }

  public static int staticMethod() {
    return 3;
  }

  int packagePrivate() {
    return 4;
  }
}
