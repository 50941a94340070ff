package example.app;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Throttled;

/** Invalid configurations the agent reports at weave time; their calls fail. */
public class Misconfigured {

  @Throttled(callsPerSecond = 0)
  public int badRate() {
    return 1;
  }

  @Breaker(fallback = "missing")
  public int missingFallback(int value) {
    return value;
  }
}
