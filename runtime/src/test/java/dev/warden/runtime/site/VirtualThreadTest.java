package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.Warden;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 10,000 virtual threads through one site throttled at 1,000 calls per second with a burst of
 * 100: the first 100 pass at once and each further one parks for its token, about 9.9 s in all.
 * Every check holds whatever the machine's load (a descheduled thread only makes things later):
 *
 * <ul>
 *   <li>the rate, on every prefix: when the {@code i}-th body has started, {@code i} calls were
 *       admitted since the start, so {@code i <= 100 + 1,000 * elapsed};
 *   <li>virtual-thread friendly parking: thousands of calls wait at once. A limiter whose waiting
 *       callers pinned their carriers could never have more calls waiting than the scheduler has
 *       carriers (at most 256), and with 10,000 threads to start in 9.9 s that bound is
 *       exceeded unless starting them took over 9.6 s;
 *   <li>every call admitted (maxWait 60 s), all finished within a generous deadline.
 * </ul>
 *
 * <p>JDK 21+ only; skipped on 17.
 */
class VirtualThreadTest {

  private static final int THREADS = 10_000;

  static class Throttled1000 {
    @CountCalls(name = "virtual.count")
    @Throttled(name = "virtual.limit", callsPerSecond = 1_000, burst = 100, maxWaitMillis = 60_000)
    void call() {}
  }

  @Test
  void tenThousandVirtualThreadsKeepTheRateAndWaitTogether() throws Exception {
    Method factory;
    try {
      factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      factory = null;
    }
    assumeTrue(factory != null, "virtual threads need JDK 21+");

    GuardSite site = GuardSite.forMethod(Throttled1000.class, "call");
    AtomicInteger ran = new AtomicInteger();
    long[] bodyStarted = new long[THREADS];
    ExecutorService executor = (ExecutorService) factory.invoke(null);
    List<Future<Object>> calls = new ArrayList<>(THREADS);
    long start = System.nanoTime();
    try {
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        calls.add(executor.submit(() -> Protocol.call(site, () -> {
          bodyStarted[index] = System.nanoTime();
          return ran.incrementAndGet();
        })));
      }
    } finally {
      executor.shutdown();
    }
    assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS), "virtual threads did not finish in 60 s");
    for (Future<Object> call : calls) {
      call.get(); // also makes every bodyStarted[i] visible here
    }

    assertEquals(THREADS, ran.get());
    CallStats stats = Warden.callStats("virtual.count").orElseThrow();
    assertEquals(THREADS, stats.calls());
    assertEquals(THREADS, stats.successes());
    assertEquals(0, stats.rejections());
    Arrays.sort(bodyStarted);
    for (int i = 1; i <= THREADS; i++) {
      double seconds = (bodyStarted[i - 1] - start) / 1e9;
      assertTrue(i <= 100 + 1_000 * seconds, i + " calls admitted within " + seconds + " s > 100 + 1,000/s");
    }
    assertTrue(stats.peakInFlight() > 256,
        "at most " + stats.peakInFlight() + " calls waited at once: waiting callers hold their carriers");
  }
}
