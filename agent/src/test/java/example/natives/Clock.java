package example.natives;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;

/** A guarded native method (never called: no library) beside a guarded Java method. */
public class Clock {

  @Throttled(callsPerSecond = 1, burst = 1, maxWaitMillis = 0)
  public native long ticks();

  @CountCalls
  public long now() {
    return 1L;
  }
}
