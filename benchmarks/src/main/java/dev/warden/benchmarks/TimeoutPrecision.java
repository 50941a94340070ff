package dev.warden.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Timeout;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * How late a timeout's interrupt arrives. For each library, {@code threads} platform threads
 * (default 1,000) wait behind a start gate, then each calls, under one shared timeout of 50 ms that
 * interrupts, a body that sleeps 10 s. Lateness = the {@code System.nanoTime()} at which the body
 * catches its {@code InterruptedException} − (the {@code nanoTime()} taken just before the call +
 * 50 ms). Each measured trial follows a discarded one of the same size, so that it runs compiled
 * code and the libraries' threads exist.
 *
 * <p>A library is measured through an {@link InterruptingTimeout}: adding one is a class that
 * implements it and an entry in {@link #libraries()}.
 *
 * <p>Runs on its own ({@code main}). Not thread-safe; one run at a time.
 */
public final class TimeoutPrecision {

  private static final Duration TIMEOUT = Duration.ofMillis(50);
  private static final Duration BODY_SLEEP = Duration.ofSeconds(10);
  private static final int DEFAULT_THREADS = 1_000;

  /**
   * One library's timeout that interrupts the calling thread when it expires, built once per trial
   * and called from all its threads at once. Implementations must be thread-safe.
   */
  @FunctionalInterface
  interface InterruptingTimeout {
    /**
     * Runs {@code body} on the calling thread under the timeout; whatever the library throws when
     * the timeout expires is thrown on.
     */
    void call(Callable<Void> body) throws Exception;
  }

  /** Failsafe: {@code Failsafe.with(Timeout.builder(timeout).withInterrupt().build()).run(...)}. */
  private static final class FailsafeTimeout implements InterruptingTimeout {
    private final FailsafeExecutor<Void> executor;

    FailsafeTimeout(Duration timeout) {
      executor = Failsafe.with(Timeout.<Void>builder(timeout).withInterrupt().build());
    }

    @Override
    public void call(Callable<Void> body) {
      executor.get(body::call);
    }
  }

  /** SmallRye Fault Tolerance standalone: a {@code TypedGuard} with a timeout (always interrupts). */
  private static final class SmallRyeTimeout implements InterruptingTimeout {
    private final TypedGuard<Void> guard;

    SmallRyeTimeout(Duration timeout) {
      guard = TypedGuard.create(Void.class).withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done().build();
    }

    @Override
    public void call(Callable<Void> body) throws Exception {
      guard.call(body);
    }
  }

  /** Warden: {@code @Timeout(millis = 50)} on {@link TimedBody}, through its generated wrapper. */
  private static final class WardenTimeout implements InterruptingTimeout {
    private final TimedBody body = new GuardedTimedBody();

    WardenTimeout(Duration timeout) {
      if (!timeout.equals(Duration.ofMillis(50))) {
        throw new IllegalArgumentException("TimedBody is annotated with 50 ms, not " + timeout);
      }
    }

    @Override
    public void call(Callable<Void> body) throws Exception {
      this.body.run(body);
    }
  }

  private TimeoutPrecision() {}

  /** The libraries measured, by name, each built from the timeout. */
  private static Map<String, Function<Duration, InterruptingTimeout>> libraries() {
    Map<String, Function<Duration, InterruptingTimeout>> libraries = new LinkedHashMap<>();
    libraries.put("Warden `@Timeout`", WardenTimeout::new);
    libraries.put("Failsafe `withInterrupt()`", FailsafeTimeout::new);
    libraries.put("SmallRye FT `TypedGuard`", SmallRyeTimeout::new);
    return libraries;
  }

  /**
   * Measures every library with {@code args[0]} threads (default 1,000) and prints the Markdown table.
   *
   * @throws InterruptedException if interrupted while waiting for a trial
   */
  public static void main(String[] args) throws InterruptedException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_THREADS;
    if (threads <= 0) {
      throw new IllegalArgumentException("Thread count must be positive, got " + threads);
    }
    System.out.print(run(threads));
    // SmallRye's timer thread is not a daemon: stopped so that the JVM can exit.
    StandaloneFaultTolerance.shutdown();
  }

  /** Measures every library with {@code threads} threads and returns the Markdown table. */
  static String run(int threads) throws InterruptedException {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "%d platform threads released at once, each calling a body that sleeps %d s under a %d ms timeout "
            + "that interrupts; lateness = when the body sees the interrupt − (just before the call + %d ms):%n%n",
        threads, BODY_SLEEP.toSeconds(), TIMEOUT.toMillis(), TIMEOUT.toMillis()));
    out.append("| library | interrupted | p50 late ms | p99 late ms | max late ms | trial s |\n"
        + "|---|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Function<Duration, InterruptingTimeout>> library : libraries().entrySet()) {
      trial(library.getValue().apply(TIMEOUT), threads);
      long start = System.nanoTime();
      double[] lateness = trial(library.getValue().apply(TIMEOUT), threads);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (lateness.length == 0) {
        out.append(String.format(Locale.ROOT, "| %s | 0 of %d | | | | %.1f |%n", library.getKey(), threads, seconds));
        continue;
      }
      out.append(String.format(Locale.ROOT, "| %s | %d of %d | %.2f | %.2f | %.2f | %.1f |%n", library.getKey(),
          lateness.length, threads, Stats.percentile(lateness, 50), Stats.percentile(lateness, 99),
          Stats.max(lateness), seconds));
    }
    return out.toString();
  }

  /**
   * One trial: {@code threads} threads call the sleeping body under {@code timeout} at once.
   *
   * @return the lateness, ms, of every body that was interrupted (none that slept in full)
   */
  private static double[] trial(InterruptingTimeout timeout, int threads) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    long[] late = new long[threads];
    Arrays.fill(late, Long.MIN_VALUE);
    Thread[] workers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      int index = i;
      workers[i] = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long due = System.nanoTime() + TIMEOUT.toNanos();
        try {
          timeout.call(() -> {
            try {
              Thread.sleep(BODY_SLEEP.toMillis());
            } catch (InterruptedException e) {
              late[index] = System.nanoTime() - due;
            }
            return null;
          });
        } catch (Exception expected) {
          // the library's timeout exception: the lateness was recorded by the body
        }
      }, "timeout-precision-" + i);
      workers[i].start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    return Arrays.stream(late).filter(l -> l != Long.MIN_VALUE).mapToDouble(l -> l / 1e6).toArray();
  }
}
