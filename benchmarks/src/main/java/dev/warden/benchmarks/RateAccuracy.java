package dev.warden.benchmarks;

import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * How exactly each rate limiter keeps its rate. Two parts, each on 2 threads:
 *
 * <ol>
 *   <li>Non-blocking: each limiter set to 1,000 permits per second with a burst of 1; both threads
 *       ask for permits without pause for the trial's length; admitted permits are compared with
 *       the ideal {@code burst + T × rate}, and the admission times are checked against that bound
 *       over every window.
 *   <li>Blocking: Warden and Guava at 200 permits per second; both threads call {@code acquire()}
 *       in a loop; the gaps between consecutive admissions are compared with 5 ms.
 * </ol>
 *
 * <p>Each measured trial uses a fresh limiter and follows a discarded 1 s warm-up trial. Runs on its own ({@code main}) or from {@link RunAll}. Not thread-safe; one run at a time.
 */
public final class RateAccuracy {

  private static final String WARDEN = "Warden";
  private static final String GUAVA = "Guava";
  private static final int THREADS = 2;
  private static final double RATE = 1_000;
  private static final double BLOCKING_RATE = 200;
  private static final int MAX_RECORDED = 1 << 20;
  /** A discarded trial on a fresh limiter of the same kind first, so that the measured one runs compiled code. */
  private static final Duration WARM_UP = Duration.ofSeconds(1);

  /** One permit, not waiting. */
  @FunctionalInterface
  private interface TryAcquire {
    boolean tryAcquire();
  }

  /** One permit, waiting for it. */
  @FunctionalInterface
  private interface Acquire {
    void acquire() throws InterruptedException;
  }

  private RateAccuracy() {}

  /**
   * Runs both parts with trials of {@code args[0]} seconds (default 5) and prints the Markdown report.
   *
   * @throws InterruptedException if interrupted while waiting for a trial
   */
  public static void main(String[] args) throws InterruptedException {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    System.out.print(run(seconds));
  }

  /** Runs both parts with trials of {@code seconds} and returns the Markdown report. */
  static String run(int seconds) throws InterruptedException {
    Duration length = Duration.ofSeconds(seconds);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Non-blocking, %.0f permits/s, burst 1, %d threads spinning for %d s "
            + "(ideal = burst + T × rate; window excess = most admissions above `burst + t × rate` in any window, "
            + "from timestamps taken just after each admission):%n%n", RATE, THREADS, seconds));
    out.append("| limiter | admitted | ideal | deviation | max window excess |\n|---|---:|---:|---:|---:|\n");
    double wardenDeviation = Double.NaN;
    double wardenExcess = Double.NaN;
    for (Map.Entry<String, Supplier<TryAcquire>> limiter : nonBlockingLimiters().entrySet()) {
      spin(limiter.getValue().get(), WARM_UP);
      long[] times = spin(limiter.getValue().get(), length);
      double ideal = 1 + RATE * length.toNanos() / 1e9;
      double deviation = 100 * (times.length - ideal) / ideal;
      double excess = windowExcess(times, RATE, 1);
      if (limiter.getKey().equals(WARDEN)) {
        wardenDeviation = deviation;
        wardenExcess = excess;
      }
      out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %+.2f%% | %.2f |%n",
          limiter.getKey(), times.length, ideal, deviation, excess));
    }
    out.append(String.format(Locale.ROOT,
        "%nBlocking `acquire()`, %.0f permits/s (gap 5 ms), %d threads for %d s; deviation = |gap − 5 ms| "
            + "between consecutive admissions:%n%n", BLOCKING_RATE, THREADS, seconds));
    out.append("| limiter | admissions | mean deviation µs | p99 deviation µs | max deviation µs |\n|---|---:|---:|---:|---:|\n");
    Map<String, Double> p99 = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<Acquire>> limiter : blockingLimiters().entrySet()) {
      block(limiter.getValue().get(), WARM_UP);
      long[] times = block(limiter.getValue().get(), length);
      double[] deviations = new double[times.length - 1];
      double gap = 1e9 / BLOCKING_RATE;
      for (int i = 1; i < times.length; i++) {
        deviations[i - 1] = Math.abs(times[i] - times[i - 1] - gap) / 1e3;
      }
      p99.put(limiter.getKey(), Stats.percentile(deviations, 99));
      out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", limiter.getKey(), times.length,
          Stats.mean(deviations), Stats.percentile(deviations, 99), Stats.max(deviations)));
    }
    double p99Ratio = p99.get(WARDEN) / p99.get(GUAVA);
    out.append(String.format(Locale.ROOT, "%nGoals: Warden admitted %+.2f%% of ideal (goal within ±1%%: %s); "
            + "most admissions above the bound in any window %.2f (goal: below 1, i.e. never a whole extra "
            + "admission, fractions being timestamp jitter: %s); blocking p99 deviation %.3f× Guava's (goal ≤ 1: %s).%n",
        wardenDeviation, Math.abs(wardenDeviation) <= 1 ? "met" : "missed",
        wardenExcess, wardenExcess < 1 ? "met" : "missed",
        p99Ratio, p99Ratio <= 1 ? "met" : "missed"));
    return out.toString();
  }

  private static Map<String, Supplier<TryAcquire>> nonBlockingLimiters() {
    Map<String, Supplier<TryAcquire>> limiters = new LinkedHashMap<>();
    limiters.put(WARDEN, () -> RateLimiter.create("accuracy", new RateLimiterConfig(RATE, 1, 0))::tryAcquire);
    limiters.put(GUAVA, () -> com.google.common.util.concurrent.RateLimiter.create(RATE)::tryAcquire);
    limiters.put("Resilience4j (1 per 1 ms)", () -> io.github.resilience4j.ratelimiter.RateLimiter.of("accuracy",
        io.github.resilience4j.ratelimiter.RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofMillis(1))
            .timeoutDuration(Duration.ZERO)
            .build())::acquirePermission);
    limiters.put("Bucket4j", () -> {
      Bucket bucket = Bucket.builder()
          .addLimit(limit -> limit.capacity(1).refillGreedy((long) RATE, Duration.ofSeconds(1)))
          .build();
      return () -> bucket.tryConsume(1);
    });
    limiters.put("Failsafe (smooth)",
        () -> dev.failsafe.RateLimiter.smoothBuilder((long) RATE, Duration.ofSeconds(1)).build()::tryAcquirePermit);
    return limiters;
  }

  private static Map<String, Supplier<Acquire>> blockingLimiters() {
    Map<String, Supplier<Acquire>> limiters = new LinkedHashMap<>();
    limiters.put(WARDEN, () -> RateLimiter.create("blocking", new RateLimiterConfig(BLOCKING_RATE, 1, 0))::acquire);
    limiters.put(GUAVA, () -> com.google.common.util.concurrent.RateLimiter.create(BLOCKING_RATE)::acquire);
    return limiters;
  }

  /** Both threads ask without pause until the deadline; returns the sorted admission times. */
  private static long[] spin(TryAcquire limiter, Duration length) throws InterruptedException {
    return onThreads(length, (recorder, deadline) -> {
      while (System.nanoTime() < deadline) {
        if (limiter.tryAcquire()) {
          recorder.record(System.nanoTime());
        }
      }
    });
  }

  /** Both threads acquire (waiting) until the deadline; returns the sorted admission times. */
  private static long[] block(Acquire limiter, Duration length) throws InterruptedException {
    return onThreads(length, (recorder, deadline) -> {
      try {
        while (System.nanoTime() < deadline) {
          limiter.acquire();
          recorder.record(System.nanoTime());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** The work of one trial thread. */
  @FunctionalInterface
  private interface Trial {
    void run(Recorder recorder, long deadline);
  }

  /** Admission times of one thread. */
  private static final class Recorder {
    private long[] times = new long[1024];
    private int size;

    void record(long time) {
      if (size == times.length) {
        if (size == MAX_RECORDED) {
          throw new IllegalStateException("more than " + MAX_RECORDED + " admissions: the limiter does not limit");
        }
        times = Arrays.copyOf(times, size * 2);
      }
      times[size++] = time;
    }
  }

  private static long[] onThreads(Duration length, Trial trial) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    Recorder[] recorders = new Recorder[THREADS];
    Thread[] threads = new Thread[THREADS];
    long[] deadline = new long[1];
    RuntimeException[] failure = new RuntimeException[1];
    for (int i = 0; i < THREADS; i++) {
      Recorder recorder = recorders[i] = new Recorder();
      threads[i] = new Thread(() -> {
        try {
          start.await();
          trial.run(recorder, deadline[0]);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          failure[0] = e;
        }
      }, "rate-accuracy-" + i);
      threads[i].start();
    }
    deadline[0] = System.nanoTime() + length.toNanos();
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    long[] all = Arrays.stream(recorders).flatMapToLong(r -> Arrays.stream(r.times, 0, r.size)).toArray();
    Arrays.sort(all);
    return all;
  }

  /**
   * The most admissions above {@code burst + (t_j - t_i) × rate} in any window [t_i, t_j]: the
   * largest {@code f(j) - f(i) + 1 - burst} with {@code f(k) = k - t_k × rate}, found in one pass.
   */
  static double windowExcess(long[] sortedTimes, double ratePerSecond, int burst) {
    double worst = 0;
    double lowest = Double.MAX_VALUE;
    for (int k = 0; k < sortedTimes.length; k++) {
      double f = k - (sortedTimes[k] - sortedTimes[0]) * ratePerSecond / 1e9;
      lowest = Math.min(lowest, f);
      worst = Math.max(worst, f - lowest + 1 - burst);
    }
    return worst;
  }
}
