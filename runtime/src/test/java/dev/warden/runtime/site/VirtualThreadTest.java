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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 10,000 virtual threads through one site throttled at 1,000 calls per second with a burst of
 * 100: the first 100 pass at once and each further one waits for its token, so the run takes
 * {@code (10,000 - 100) / 1,000 = 9.9 s} — never less (that would break the rate), and only a
 * little more if parking is virtual-thread friendly (a limiter that pinned or serialised the
 * waiting threads would take far longer). JDK 21+ only; skipped on 17.
 */
class VirtualThreadTest {

  private static final int THREADS = 10_000;

  static class Throttled1000 {
    @CountCalls(name = "virtual.count")
    @Throttled(name = "virtual.limit", callsPerSecond = 1_000, burst = 100, maxWaitMillis = 60_000)
    void call() {}
  }

  @Test
  void tenThousandVirtualThreadsFinishInTheExpectedTime() throws Exception {
    Method factory;
    try {
      factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      factory = null;
    }
    assumeTrue(factory != null, "virtual threads need JDK 21+");

    GuardSite site = GuardSite.forMethod(Throttled1000.class, "call");
    AtomicInteger ran = new AtomicInteger();
    ExecutorService executor = (ExecutorService) factory.invoke(null);
    List<Future<Object>> calls = new ArrayList<>(THREADS);
    long start = System.nanoTime();
    try {
      for (int i = 0; i < THREADS; i++) {
        calls.add(executor.submit(() -> Protocol.call(site, ran::incrementAndGet)));
      }
    } finally {
      executor.shutdown();
    }
    assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "virtual threads did not finish");
    double seconds = (System.nanoTime() - start) / 1e9;
    for (Future<Object> call : calls) {
      call.get();
    }

    assertEquals(THREADS, ran.get());
    CallStats stats = Warden.callStats("virtual.count").orElseThrow();
    assertEquals(THREADS, stats.calls());
    assertEquals(THREADS, stats.successes());
    assertEquals(0, stats.rejections());
    assertTrue(seconds >= 9.9 && seconds < 11.0, "10,000 calls at 1,000/s with burst 100 took " + seconds + " s");
  }
}
