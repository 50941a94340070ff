package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.await;
import static dev.warden.it.Guards.stats;
import static dev.warden.it.Guards.timesWaited;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.GeoClient;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.ThrottledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** @Throttled: burst, immediate rejection, waiting, the rate bound, interrupts, fallback. */
class ThrottledIT {

  /** Admitted {@code tile} calls to reach: 10 at once, then 80 at 200/s (0.4 s). */
  private static final int TILES = 90;

  private final GeoClient geo = Mode.current().fixtures().geo();

  @Test
  void burstPassesThenRejectsAtOnceNamingTheGuard() {
    String name = FIXTURES + "GeoClient#geocode";
    geo.geocode("a");
    geo.geocode("b");
    long waitsBefore = timesWaited();
    ThrottledException e = assertThrows(ThrottledException.class, () -> geo.geocode("c"));
    assertEquals(waitsBefore, timesWaited(), "maxWaitMillis=0: rejected without parking or sleeping");
    assertEquals(name, e.guardName());
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertEquals(2, geo.served());
    CallStats stats = stats(name);
    assertEquals(3, stats.calls());
    assertEquals(2, stats.successes());
    assertEquals(1, stats.rejections());
  }

  @Test
  void parksForATokenDueWithinMaxWait() {
    long start = System.nanoTime(); // before the first call, so its admission is not earlier
    for (int i = 0; i <= 3; i++) {
      geo.reverse(i, i); // each call after the first parks about 100 ms for its token, none is rejected
    }
    long nanos = System.nanoTime() - start;
    assertTrue(nanos >= TimeUnit.MILLISECONDS.toNanos(300),
        "burst 1 at 10/s: 4 calls take >= 300 ms; took " + TimeUnit.NANOSECONDS.toMicros(nanos) + " us");
    assertEquals(4, geo.served());
  }

  @Test
  void rejectsWithoutSleepingWhenTheTokenIsNotDueWithinMaxWait() {
    geo.timezone("Oslo");
    long waitsBefore = timesWaited();
    assertThrows(ThrottledException.class, () -> geo.timezone("Lima"));
    assertEquals(waitsBefore, timesWaited(),
        "token due in 2 s > maxWait 400 ms: rejected at once, without parking or sleeping");
    assertEquals(1, geo.served());
  }

  /**
   * 4 threads spin on {@code tile} (200/s, burst 10, never waits) until {@link #TILES} calls are
   * admitted. Safety is checked exactly on every prefix: by the time the {@code i}-th admitted
   * call has returned, {@code i} admissions have happened since {@code start}, so {@code i <= 10 +
   * 200 * (returned - start)}; descheduled threads only make the right side larger. Liveness is
   * "the count is reached" (within a generous deadline), never a throughput a starved thread
   * could miss.
   */
  @Test
  void admitsNoMoreThanBurstPlusElapsedTimesRateFromManyThreads() throws InterruptedException {
    int threads = 4;
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    Queue<Long> returned = new ConcurrentLinkedQueue<>();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          while (admitted.get() < TILES) {
            try {
              geo.tile(1, 2);
              returned.add(System.nanoTime());
              admitted.incrementAndGet();
            } catch (ThrottledException e) {
              rejected.incrementAndGet();
            }
          }
        } catch (Throwable e) {
          unexpected.set(e);
        }
      });
      worker.start();
      workers.add(worker);
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(worker.isAlive(), "the limiter stopped admitting: " + admitted + " of " + TILES + " in 60 s");
    }
    assertEquals(null, unexpected.get());

    List<Long> times = new ArrayList<>(returned);
    Collections.sort(times);
    for (int i = 1; i <= times.size(); i++) {
      double seconds = (times.get(i - 1) - start) / 1e9;
      assertTrue(i <= 10 + 200 * seconds, i + " calls admitted within " + seconds + " s > 10 + 200/s");
    }
    assertTrue(admitted.get() >= TILES && admitted.get() < TILES + threads, String.valueOf(admitted));
    assertEquals(admitted.get(), times.size());
    assertEquals(admitted.get(), geo.served());
    assertTrue(rejected.get() > 0, "4 spinning threads must hit the limit");
  }

  @Test
  void interruptWhileParkedRejectsAndKeepsTheInterruptFlag() throws InterruptedException {
    long start = System.nanoTime(); // the next token is due 2 s after K2 is admitted, so after start + 2 s
    geo.elevation("K2");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    AtomicLong ended = new AtomicLong();
    Thread caller = new Thread(() -> {
      try {
        geo.elevation("Everest");
      } catch (Throwable e) {
        ended.set(System.nanoTime());
        thrown.set(e);
        flagKept.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    await("the caller parks for its token", Duration.ofSeconds(5),
        () -> caller.getState() == Thread.State.TIMED_WAITING);
    caller.interrupt();
    caller.join(10_000);
    long millis = TimeUnit.NANOSECONDS.toMillis(ended.get() - start);

    assertTrue(thrown.get() instanceof ThrottledException, String.valueOf(thrown.get()));
    assertTrue(thrown.get().getCause() instanceof InterruptedException, String.valueOf(thrown.get().getCause()));
    assertTrue(flagKept.get(), "the interrupt flag stays set");
    assertTrue(millis < 2_000, "woke on the interrupt, before its token was due (2 s after K2); ended after "
        + millis + " ms");
    assertEquals(1, geo.served());
  }

  @Test
  void fallbackAnswersInsteadOfThrottledException() {
    assertEquals("Oslo->Bergen", geo.route("Oslo", "Bergen"));
    assertEquals("estimate Oslo->Lima", geo.route("Oslo", "Lima"));
    assertEquals(1, geo.served());
    CallStats stats = stats(FIXTURES + "GeoClient#route");
    assertEquals(2, stats.calls());
    assertEquals(1, stats.rejections());
  }
}
