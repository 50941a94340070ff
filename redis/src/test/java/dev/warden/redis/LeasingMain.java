package dev.warden.redis;

import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.StoreSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One of the processes of {@link LeaseBoundTest}: {@code args[4]} clients, each a thread with a
 * store (a connection) and a lease-mode bucket of its own, take permits of one guard for {@code
 * args[5]} ms: mostly without waiting, sometimes waiting up to two intervals (parking for the
 * reserved wait as a limiter does), sometimes pausing so that the bucket refills. After {@code
 * ready}, it starts on {@code go}; it prints, per client, one line per round trip {@code S <client>
 * <server time> <permits taken> <wait or -1> <held permits taken since the previous round trip>},
 * then {@code E <client> <held permits taken since the last round trip>}.
 *
 * <p>Arguments: URI, guard name, calls per second, burst, clients, duration (ms), lease, seed.
 */
public final class LeasingMain {

  private LeasingMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    StoreSettings settings = StoreSettings.of("redis", Map.of("uri", args[0], "timeoutMillis", "1000"));
    RateLimiterConfig config = new RateLimiterConfig(Double.parseDouble(args[2]), Integer.parseInt(args[3]), 0);
    int clients = Integer.parseInt(args[4]);
    long duration = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[5]));
    long lease = Long.parseLong(args[6]);
    long seed = Long.parseLong(args[7]);
    List<RedisStore> stores = new ArrayList<>();
    List<RedisBucket> buckets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      RedisStore store = new RedisStore(RedisSettings.from(settings));
      RedisBucket bucket = new RedisBucket(store, args[1], config, lease, TimeSource.SYSTEM);
      Connected.once(bucket::availablePermits);
      stores.add(store);
      buckets.add(bucket);
    }
    System.out.println("ready");
    String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (!"go".equals(go)) {
      throw new IllegalStateException("expected go, got " + go);
    }
    long end = System.nanoTime() + duration;
    StringBuilder[] outputs = new StringBuilder[clients];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      StringBuilder out = outputs[i] = new StringBuilder();
      RedisBucket bucket = buckets.get(i);
      SplittableRandom random = new SplittableRandom(seed * 31 + i);
      String client = seed + "." + i;
      Thread thread = new Thread(() -> run(bucket, config.intervalNanos(), end, random, client, out));
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (StringBuilder out : outputs) {
      System.out.print(out);
    }
    stores.forEach(RedisStore::close);
  }

  private static void run(RedisBucket bucket, long interval, long end, SplittableRandom random, String client,
      StringBuilder out) {
    long[] trace = new long[2];
    long held = 0;
    int failed = 0;
    while (System.nanoTime() < end) {
      long maxWait = random.nextInt(4) == 0 ? 2 * interval : 0;
      long wait;
      try {
        wait = bucket.reserve(maxWait, trace);
      } catch (StoreException e) {
        failed++; // whether it took permits is unknown; none of them is admitted
        continue;
      }
      if (trace[0] == RedisBucket.HELD) {
        held++;
      } else {
        out.append("S ").append(client).append(' ').append(trace[0]).append(' ').append(trace[1])
            .append(' ').append(wait).append(' ').append(held).append('\n');
        held = 0;
      }
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (random.nextInt(8) == 0) {
        LockSupport.parkNanos(random.nextLong(30 * interval));
      }
    }
    out.append("E ").append(client).append(' ').append(held).append(' ').append(failed).append('\n');
  }
}
