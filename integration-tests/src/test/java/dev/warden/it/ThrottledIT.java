package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.await;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.GeoClient;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.ThrottledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** SPEC §3 @Throttled: burst, immediate rejection, waiting, the rate bound, interrupts, fallback. */
class ThrottledIT {

  private final GeoClient geo = Mode.current().fixtures().geo();

  @Test
  void burstPassesThenRejectsAtOnceNamingTheGuard() {
    String name = FIXTURES + "GeoClient#geocode";
    geo.geocode("a");
    geo.geocode("b");
    long start = System.nanoTime();
    ThrottledException e = assertThrows(ThrottledException.class, () -> geo.geocode("c"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 1_000, "maxWaitMillis=0 never waits for the token due in 2 s; took " + millis + " ms");
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
    geo.reverse(0, 0);
    long start = System.nanoTime();
    for (int i = 1; i <= 3; i++) {
      geo.reverse(i, i);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis >= 280 && millis < 900,
        "3 more calls at 10/s take >= 300 ms after the first; took " + millis + " ms");
    assertEquals(4, geo.served());
  }

  @Test
  void rejectsWithoutSleepingWhenTheTokenIsNotDueWithinMaxWait() {
    geo.timezone("Oslo");
    long start = System.nanoTime();
    assertThrows(ThrottledException.class, () -> geo.timezone("Lima"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 300, "token due in 2 s > maxWait 400 ms: rejected at once, took " + millis + " ms");
    assertEquals(1, geo.served());
  }

  @Test
  void admitsNoMoreThanBurstPlusElapsedTimesRateFromManyThreads() throws InterruptedException {
    int threads = 4;
    long runNanos = TimeUnit.MILLISECONDS.toNanos(400);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          long end = System.nanoTime() + runNanos;
          while (System.nanoTime() - end < 0) {
            try {
              geo.tile(1, 2);
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
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(null, unexpected.get());
    double bound = 10 + seconds * 200;
    assertTrue(admitted.get() <= bound, admitted + " admitted in " + seconds + " s > bound " + bound);
    assertTrue(admitted.get() >= 10 + 0.4 * 200 * 0.75,
        "the limiter should still admit about 90 calls in 0.4 s; admitted " + admitted);
    assertTrue(rejected.get() > 0, "4 spinning threads must hit the limit");
    assertEquals(admitted.get(), geo.served());
  }

  @Test
  void interruptWhileParkedRejectsAndKeepsTheInterruptFlag() throws InterruptedException {
    geo.elevation("K2");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        geo.elevation("Everest");
      } catch (Throwable e) {
        thrown.set(e);
        flagKept.set(Thread.currentThread().isInterrupted());
      }
    });
    long start = System.nanoTime();
    caller.start();
    await("the caller parks for its token", Duration.ofSeconds(5),
        () -> caller.getState() == Thread.State.TIMED_WAITING);
    caller.interrupt();
    caller.join(5_000);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(thrown.get() instanceof ThrottledException, String.valueOf(thrown.get()));
    assertTrue(thrown.get().getCause() instanceof InterruptedException, String.valueOf(thrown.get().getCause()));
    assertTrue(flagKept.get(), "the interrupt flag stays set");
    assertTrue(millis < 1_500, "woke on the interrupt, not at the token due in 2 s; took " + millis + " ms");
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
