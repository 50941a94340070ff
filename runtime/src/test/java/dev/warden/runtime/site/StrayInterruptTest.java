package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * 100,000 timed calls of 1 ms with interrupt on the real JVM-wide timer, 16 threads behind a
 * barrier, each body parking until about its deadline: the end of each call and the timer's fire
 * race as closely as the machine allows. Every check is exact, on every call:
 *
 * <ul>
 *   <li>no stray: no call starts with its flag set, and none is interrupted before its deadline;
 *   <li>a call that ended before its deadline (exit reports success) saw no interrupt in its body;
 *   <li>after every exit, timed out or not, the flag is clear, and still clear after a last 20 ms
 *       park at the end of each thread (an interrupt arriving late would show there).
 * </ul>
 *
 * <p>The body ends at {@code start + 1 ms + c + δ}, δ uniform in ±100 µs, where each thread moves
 * its centre {@code c} a step down after a timeout and up after a success, so the ends straddle
 * the deadline whatever the machine's park latency; both outcomes must occur 1,000 times or more
 * (else the test did not race).
 */
class StrayInterruptTest {

  private static final int THREADS = 16;
  private static final int CALLS = 6_250;
  private static final long NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long SPREAD = TimeUnit.MICROSECONDS.toNanos(100);
  private static final long STEP = TimeUnit.MICROSECONDS.toNanos(2);

  private final LongAdder strays = new LongAdder();
  private final LongAdder interruptedSuccesses = new LongAdder();
  private final LongAdder flagsAfterExit = new LongAdder();
  private final LongAdder flagsLater = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder successes = new LongAdder();

  @Test
  void platformThreads() throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          calls();
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "stray-" + t);
      threads.add(thread);
    }
    long began = System.nanoTime();
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(120_000);
      assertTrue(!thread.isAlive(), thread.getName() + " did not finish");
    }
    report("platform", began);
    assertEquals(List.of(), failures);
    verify();
  }

  /** The same on virtual threads (JDK 21+; skipped on 17). */
  @Test
  void virtualThreads() throws Exception {
    Method factory;
    try {
      factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      factory = null;
    }
    assumeTrue(factory != null, "virtual threads need JDK 21+");
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService executor = (ExecutorService) factory.invoke(null);
    List<Future<Object>> results = new ArrayList<>();
    long began = System.nanoTime();
    try {
      for (int t = 0; t < THREADS; t++) {
        results.add(executor.submit(() -> {
          start.await();
          calls();
          return null;
        }));
      }
    } finally {
      executor.shutdown();
    }
    assertTrue(executor.awaitTermination(120, TimeUnit.SECONDS));
    for (Future<Object> result : results) {
      result.get();
    }
    report("virtual", began);
    verify();
  }

  private void calls() {
    CallClock clock = TimeoutTimer.jvmWide().clock();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Thread self = Thread.currentThread();
    long centre = 0;
    for (int i = 0; i < CALLS; i++) {
      if (Thread.interrupted()) {
        strays.increment(); // left over from an earlier call
      }
      clock.enter(NANOS, true, null);
      long begin = clock.startNanos();
      boolean interruptedEarly = self.isInterrupted() && System.nanoTime() - begin < NANOS;
      if (interruptedEarly) {
        strays.increment(); // interrupted before its own deadline
      }
      long end = begin + NANOS + centre + random.nextLong(-SPREAD, SPREAD + 1);
      boolean sawInterrupt = false;
      for (;;) {
        if (self.isInterrupted()) {
          sawInterrupt = true;
          break;
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          break;
        }
        LockSupport.parkNanos(left);
      }
      boolean timedOut = clock.exit();
      if (self.isInterrupted()) {
        flagsAfterExit.increment();
        Thread.interrupted();
      }
      if (timedOut) {
        timeouts.increment();
        centre -= STEP;
      } else {
        successes.increment();
        centre += STEP;
        if (sawInterrupt) {
          interruptedSuccesses.increment();
        }
      }
    }
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    if (self.isInterrupted()) {
      flagsLater.increment();
    }
  }

  private void report(String threads, long began) {
    System.out.printf("stray interrupts (%s): %d timeouts, %d successes in %d ms%n",
        threads, timeouts.sum(), successes.sum(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
  }

  private void verify() {
    assertEquals(THREADS * CALLS, timeouts.sum() + successes.sum());
    assertEquals(0, strays.sum(), "calls that began interrupted or were interrupted before their deadline");
    assertEquals(0, interruptedSuccesses.sum(), "calls ended before the deadline, yet interrupted");
    assertEquals(0, flagsAfterExit.sum(), "interrupt flags set after exit");
    assertEquals(0, flagsLater.sum(), "interrupt flags set 20 ms after the last call");
    assertTrue(timeouts.sum() >= 1_000, "too few timeouts to race: " + timeouts.sum());
    assertTrue(successes.sum() >= 1_000, "too few successes to race: " + successes.sum());
  }
}
