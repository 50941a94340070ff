package dev.warden.redis;

import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.StoreSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One of the processes of {@link SharedAcrossJvmsTest}: connects, prints {@code ready}, waits for
 * {@code go} on its input, then takes permits of one guard for {@code args[5]} ms, parking for
 * each reserved wait as a limiter does, and prints the server time each permit was due at.
 *
 * <p>Arguments: URI, guard name, calls per second, burst, max wait (ms), duration (ms).
 */
public final class SharingMain {

  private SharingMain() {}

  public static void main(String[] args) throws IOException {
    RedisBucket bucket = (RedisBucket) RedisStores.open(StoreSettings.of("redis", Map.of("uri", args[0])))
        .bucket(args[1], new RateLimiterConfig(Double.parseDouble(args[2]), Integer.parseInt(args[3]), 0));
    long maxWait = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[4]));
    long duration = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[5]));
    Connected.once(bucket::availablePermits);
    System.out.println("ready");
    String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (!"go".equals(go)) {
      throw new IllegalStateException("expected go, got " + go);
    }
    StringBuilder out = new StringBuilder();
    int refused = 0;
    for (long end = System.nanoTime() + duration; System.nanoTime() < end; ) {
      try {
        long[] decision = bucket.reserveTraced(maxWait);
        if (decision[0] < 0) {
          refused++;
          continue;
        }
        out.append("due ").append(decision[1] + decision[0]).append('\n');
        if (decision[0] > 0) {
          LockSupport.parkNanos(decision[0]);
        }
      } catch (StoreException e) {
        out.append("failed ").append(e.getMessage()).append('\n');
      }
    }
    System.out.print(out);
    System.out.println("refused " + refused);
  }
}
