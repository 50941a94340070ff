package example.app;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Waiting throttle, fallbacks, async results, shared names and all three guards at once. */
public class Features {

  private final String prefix;

  public Features(String prefix) {
    this.prefix = prefix;
  }

  @Throttled(callsPerSecond = 10, burst = 1, maxWaitMillis = 1000)
  public int waits() {
    return 1;
  }

  @Throttled(callsPerSecond = 1, burst = 1, maxWaitMillis = 100)
  public int tooLongToWait() {
    return 1;
  }

  @CountCalls
  @Breaker(failureThreshold = 1, cooldownMillis = 60_000, fallback = "plain")
  public String breakerWithFallback(String text) throws IOException {
    throw new IOException(text);
  }

  String plain(String text) {
    return prefix + "plain:" + text;
  }

  /** How often {@link #skip} ran. */
  public int skipped;

  @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0, fallback = "skip")
  public void voidWithFallback(String text) {}

  private void skip(String text) {
    skipped++;
  }

  @CountCalls
  @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0, fallback = "withCause")
  public static long throttledWithFallback(long value) {
    return value;
  }

  static long withCause(long value, Throwable rejection) {
    return rejection instanceof dev.warden.runtime.ThrottledException ? -value : 0;
  }

  @CountCalls
  @Breaker(failureThreshold = 1, cooldownMillis = 60_000)
  public CompletableFuture<String> async(CompletableFuture<String> result) {
    return result;
  }

  @CountCalls(name = "shared-counter")
  public void first() {}

  @CountCalls(name = "shared-counter")
  public void second() {}

  @CountCalls
  @Breaker(failureThreshold = 3, cooldownMillis = 60_000)
  @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
  public int allThree(boolean fail) {
    if (fail) {
      throw new IllegalStateException("fail");
    }
    return 3;
  }
}
