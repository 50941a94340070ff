package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.Concurrently;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Reconfigurer;
import dev.warden.runtime.internal.Registries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Changes under load, with real threads released by a start gate: a bulkhead's limit lowered,
 * raised and lowered again, and a limiter's rate changed twice, while threads call the guarded
 * methods without pause. Bounds are checked exactly, by what the bodies record.
 */
class ReconfigureLoadTest {

  private static final int THREADS = 8;
  /** The instance whose fallbacks the sites call. */
  private static final Fixture FIXTURE = new Fixture();

  static class Fixture {
    @Bulkhead(name = "rl.bulkhead", maxConcurrent = 8, maxWaitMillis = 1, fallback = "full")
    String run(Runnable body) {
      body.run();
      return "ran";
    }

    String full(Runnable body) {
      return "full";
    }

    @Throttled(name = "rl.limiter", callsPerSecond = 100, burst = 3, maxWaitMillis = 0, fallback = "throttled")
    String limited(Runnable body) {
      body.run();
      return "ran";
    }

    String throttled(Runnable body) {
      return "throttled";
    }
  }

  /**
   * The bulkhead's limit goes 8, 3, 6, 2 while the threads call. A lowering is announced (the
   * phase moves on) after it returns, a raise before it starts, so the limit of a phase bounds
   * every admission made while the phase lasts; a body entered by a call that started in that
   * phase must see no more bodies running (itself included) than the phase's limit, and no body
   * ever sees more than 8.
   */
  @Test
  void noCallStartedAfterAChangeRunsAboveTheLimitInForce() throws Exception {
    GuardRegistry registry = Registries.create(TimeSource.SYSTEM);
    GuardSite site = Protocol.site(registry, Fixture.class, "run", Runnable.class);
    int[] limits = {8, 3, 6, 2};
    AtomicInteger phase = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicLongArray entries = new AtomicLongArray(limits.length);
    AtomicLongArray peakOfPhase = new AtomicLongArray(limits.length);
    AtomicInteger violations = new AtomicInteger();
    AtomicLong refused = new AtomicLong();
    List<String> found = java.util.Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(THREADS + 1, index -> {
      if (index == THREADS) { // the driver
        for (int p = 1; p < limits.length; p++) {
          awaitEntries(entries, p - 1, 2_000);
          boolean raise = limits[p] > limits[p - 1];
          if (raise) {
            phase.set(p);
          }
          Reconfigurer.reconfigure(registry, "rl.bulkhead", "maxConcurrent", Integer.toString(limits[p]));
          if (!raise) {
            phase.set(p);
          }
        }
        awaitEntries(entries, limits.length - 1, 2_000);
        phase.set(limits.length); // stop
        return;
      }
      for (;;) {
        int started = phase.get();
        if (started == limits.length) {
          return;
        }
        Object result = Protocol.call(site, FIXTURE, new Object[] {null}, () -> {
          int now = running.incrementAndGet();
          peak.accumulateAndGet(now, Math::max);
          int entered = phase.get();
          if (entered < limits.length) {
            entries.incrementAndGet(entered);
            peakOfPhase.accumulateAndGet(entered, now, Math::max);
          }
          if (entered == started && now > limits[started]) {
            violations.incrementAndGet();
            found.add("phase " + started + " (limit " + limits[started] + "): " + now + " running");
          }
          LockSupport.parkNanos(20_000);
          running.decrementAndGet();
          return "ran";
        });
        if ("full".equals(result)) {
          refused.incrementAndGet();
        }
      }
    });
    assertEquals(List.of(), found);
    assertEquals(0, violations.get());
    assertTrue(peak.get() <= 8, "never above the largest limit: " + peak.get());
    assertTrue(refused.get() > 0, "the bulkhead refused calls: the limits were reached");
    for (int p = 0; p < limits.length; p++) {
      assertTrue(entries.get(p) >= 2_000, "phase " + p + " ran calls");
    }
    assertTrue(peakOfPhase.get(0) > 3, "the first phase ran more than the next limit at once: "
        + peakOfPhase + " (else the test shows nothing)");
    assertEquals(2, registry.findBulkhead("rl.bulkhead").maxConcurrent());
    assertEquals(2, registry.findBulkhead("rl.bulkhead").available(), "every slot given back");
  }

  private static void awaitEntries(AtomicLongArray entries, int phase, long at) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
    while (entries.get(phase) < at) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("phase " + phase + " ran only " + entries.get(phase) + " calls");
      }
      LockSupport.parkNanos(100_000);
    }
  }

  /** A clock moved only by the test, remembering per thread the last time it read. */
  private static final class RecordingTime implements TimeSource {
    final AtomicLong now = new AtomicLong(Long.MAX_VALUE - TimeUnit.MILLISECONDS.toNanos(500)); // crosses the wrap
    final ThreadLocal<long[]> lastRead = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public long nanoTime() {
      long reading = now.get();
      lastRead.get()[0] = reading;
      return reading;
    }

    @Override
    public void parkNanos(long nanos) {
      throw new AssertionError("the limiter never waits here");
    }
  }

  /**
   * The limiter's rate goes from 100/s (burst 3) to 1000/s (burst 20) and back, on a clock the
   * driver moves 1 ms at a time. At each change the clock stands still until every thread has
   * started a call after the change; so every admission decided before the change's time was
   * judged by the old numbers and every one after it by the new. Each admission's decision time
   * is the clock reading the limiter took. Over every window within one configuration, the
   * admissions are at most what that configuration allows: {@code floor((T + tolerance) /
   * interval) + 1} for a window of length T.
   */
  @Test
  void noWindowAdmitsMoreThanTheRateInForce() throws Exception {
    RecordingTime time = new RecordingTime();
    GuardRegistry registry = Registries.create(time);
    GuardSite site = Protocol.site(registry, Fixture.class, "limited", Runnable.class);
    RateLimiterConfig[] configs = {
        new RateLimiterConfig(100, 3, 0), new RateLimiterConfig(1000, 20, 0), new RateLimiterConfig(100, 3, 0)};
    long start = time.now.get();
    long[] changes = {start + TimeUnit.MILLISECONDS.toNanos(300), start + TimeUnit.MILLISECONDS.toNanos(600)};
    long end = start + TimeUnit.MILLISECONDS.toNanos(900);
    AtomicLongArray callsStarted = new AtomicLongArray(THREADS);
    List<long[]> admitted = java.util.Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(THREADS + 1, index -> {
      if (index == THREADS) { // the driver
        int next = 0;
        while (time.now.get() - end < 0) {
          if (next < changes.length && time.now.get() == changes[next]) {
            RateLimiterConfig to = configs[next + 1];
            Reconfigurer.reconfigure(registry, "rl.limiter", "callsPerSecond", Double.toString(to.callsPerSecond()));
            Reconfigurer.reconfigure(registry, "rl.limiter", "burst", Integer.toString(to.burst()));
            long[] snapshot = new long[THREADS];
            for (int t = 0; t < THREADS; t++) {
              snapshot[t] = callsStarted.get(t);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int t = 0; t < THREADS; t++) {
              while (callsStarted.get(t) <= snapshot[t]) { // its call in flight at the change is over
                if (System.nanoTime() > deadline) {
                  throw new AssertionError("thread " + t + " started no call after the change");
                }
                Thread.yield();
              }
            }
            next++;
          }
          LockSupport.parkNanos(20_000);
          time.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return;
      }
      long[] times = new long[100_000];
      int count = 0;
      long[] decided = new long[1];
      Object[] arguments = {null};
      while (time.now.get() - end < 0) {
        callsStarted.incrementAndGet(index);
        if ("ran".equals(Protocol.call(site, FIXTURE, arguments, () -> {
          decided[0] = time.lastRead.get()[0]; // the reading the limiter judged the call by
          return "ran";
        }))) {
          times[count++] = decided[0] - start;
        }
      }
      admitted.add(Arrays.copyOf(times, count));
    });
    long[] all = admitted.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    long first = changes[0] - start;
    long second = changes[1] - start;
    long[][] regions = { // the admissions at a change's own time were judged by either configuration
        Arrays.stream(all).filter(t -> t < first).toArray(),
        Arrays.stream(all).filter(t -> t > first && t < second).toArray(),
        Arrays.stream(all).filter(t -> t > second).toArray()};
    for (int r = 0; r < regions.length; r++) {
      assertWithinRate(regions[r], configs[r], "configuration " + r);
    }
    assertTrue(regions[1].length > 100, "the fast rate admitted more than the slow one could: " + regions[1].length);
    assertTrue(regions[0].length >= 3 && regions[2].length >= 3, "the slow rate admitted calls");
  }

  private static void assertWithinRate(long[] times, RateLimiterConfig config, String what) {
    long interval = config.intervalNanos();
    long tolerance = config.toleranceNanos();
    for (int k = 0; k < times.length; k++) {
      for (int m = k; m < times.length; m++) {
        long allowed = (times[m] - times[k] + tolerance) / interval + 1;
        if (m - k + 1 > allowed) {
          throw new AssertionError(what + ": " + (m - k + 1) + " admissions within " + (times[m] - times[k])
              + " ns, at most " + allowed + " allowed");
        }
      }
    }
  }
}
