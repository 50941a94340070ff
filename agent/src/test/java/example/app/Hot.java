package example.app;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;

/** Guarded methods called in a loop to check that the woven success path allocates nothing. */
public class Hot {

  private long total;

  @CountCalls
  @Breaker
  @Throttled(callsPerSecond = 1e15, burst = 1_000_000_000, maxWaitMillis = 0)
  public long add(long value) {
    return total += value;
  }

  @CountCalls
  @Breaker
  public String text(String value) {
    return value;
  }
}
