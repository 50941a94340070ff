package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ConcurrencyLimiter} on real threads: the exact limit under a race, FIFO hand-over, an
 * interrupt while waiting, and 10,000 virtual threads waiting at once. Waits are long (an hour)
 * and never timed: each step waits for an observable state ({@code waiting()}, a latch), so a
 * descheduled thread only makes a test slower.
 */
class ConcurrencyLimiterConcurrencyTest {

  private static final Duration AN_HOUR = Duration.ofHours(1);

  private static ConcurrencyLimiter limiter(int maxConcurrent, long maxWaitMillis) {
    return ConcurrencyLimiter.create("shared", new ConcurrencyLimiterConfig(maxConcurrent, maxWaitMillis));
  }

  /**
   * Eight threads, 20,000 calls each, half never waiting and half waiting up to 1 ms, on 3 slots:
   * the calls inside the body never exceed 3 at any instant and do reach 3 (the first holders wait
   * in the body until 3 are in, and fail if that never happens); every call is either admitted or counted as a rejection; all
   * slots are free at the end.
   */
  @Test
  void eightThreadsNeverHoldMoreThanMaxConcurrent() throws InterruptedException {
    int max = 3;
    int calls = 20_000;
    ConcurrencyLimiter limiter = limiter(max, 0);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    AtomicBoolean filled = new AtomicBoolean();
    AtomicLong admitted = new AtomicLong();
    Concurrently.run(8, index -> {
      for (int i = 0; i < calls; i++) {
        boolean in = index % 2 == 0 ? limiter.tryAcquire() : limiter.tryAcquire(1, TimeUnit.MILLISECONDS);
        if (!in) {
          continue;
        }
        int now = running.incrementAndGet();
        highest.accumulateAndGet(now, Math::max);
        long since = System.nanoTime();
        while (!filled.get()) { // the first holders stay until every slot is taken once
          if (running.get() >= max) {
            filled.set(true);
          } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(30)) {
            throw new AssertionError("for 30 s no more than " + running.get() + " of " + max
                + " slots could be taken at once: slots were lost");
          }
          Thread.yield();
        }
        running.decrementAndGet();
        admitted.incrementAndGet();
        limiter.release();
      }
    });
    assertEquals(max, highest.get(), "most calls in the body at once");
    assertEquals(8L * calls, admitted.get() + limiter.rejections());
    assertEquals(max, limiter.available());
    assertEquals(0, limiter.waiting());
  }

  /**
   * One slot, held; W1..W5 start one at a time, each observed queued before the next starts; an
   * arrival meanwhile (untimed, then timed) is refused or queued behind them. Each release hands the
   * slot to the next in arrival order: the free count stays 0, so even the releasing thread cannot
   * take it back.
   */
  @Test
  void waitersAreServedFirstComeFirstServedAndNoArrivalOvertakesThem() throws Exception {
    ConcurrencyLimiter limiter = limiter(1, 0);
    assertTrue(limiter.tryAcquire());
    List<Integer> served = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> waiters = new ArrayList<>();
    for (int w = 1; w <= 6; w++) {
      int id = w;
      Thread waiter = new Thread(() -> {
        try {
          if (limiter.tryAcquire(AN_HOUR)) {
            served.add(id);
            go.await();
            limiter.release();
          }
        } catch (InterruptedException e) {
          served.add(-id);
        }
      }, "waiter-" + w);
      waiter.start();
      waiters.add(waiter);
      int queued = w;
      awaitState(() -> limiter.waiting() == queued, "waiter " + w + " queued");
      if (w == 5) {
        assertFalse(limiter.tryAcquire(), "an arrival took a slot before the waiters"); // W6 is the timed arrival
      }
    }
    limiter.release();
    assertEquals(0, limiter.available(), "the released slot went to W1, not to the free count");
    assertFalse(limiter.tryAcquire(), "the releasing thread took the slot back before W1");
    awaitState(() -> served.size() == 1, "W1 served");
    go.countDown();
    for (Thread waiter : waiters) {
      waiter.join(TimeUnit.MINUTES.toMillis(1));
      assertFalse(waiter.isAlive(), waiter.getName() + " still running");
    }
    assertEquals(List.of(1, 2, 3, 4, 5, 6), served);
    assertEquals(1, limiter.available());
    assertEquals(0, limiter.waiting());
    assertEquals(2, limiter.rejections());
  }

  /**
   * A waiter interrupted while parked (observed queued first) is refused: {@link
   * BulkheadFullException} with the {@link InterruptedException} as cause and the flag still set;
   * it leaves the queue and holds no slot, so the next release frees the slot.
   */
  @Test
  void anInterruptWhileWaitingRefusesAndKeepsTheFlagAndLeaksNoSlot() throws Exception {
    ConcurrencyLimiter limiter = limiter(1, TimeUnit.HOURS.toMillis(1));
    limiter.acquire();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flag = new AtomicBoolean();
    Thread waiter = new Thread(() -> {
      try {
        limiter.acquire();
      } catch (BulkheadFullException e) {
        thrown.set(e);
        flag.set(Thread.currentThread().isInterrupted());
      }
    });
    waiter.start();
    awaitState(() -> limiter.waiting() == 1, "the waiter queued");
    waiter.interrupt();
    waiter.join(TimeUnit.MINUTES.toMillis(1));
    assertFalse(waiter.isAlive());
    BulkheadFullException e = assertInstanceOf(BulkheadFullException.class, thrown.get());
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertTrue(flag.get(), "interrupt flag kept");
    assertEquals(0, limiter.waiting());
    assertEquals(1, limiter.rejections());
    limiter.release();
    assertEquals(1, limiter.available(), "the interrupted waiter got no slot");
  }

  /**
   * 10,000 virtual threads through 4 slots (JDK 21+, skipped on 17). All 10,000 are observed
   * waiting at once before the first slot is released: a waiter that pinned its carrier would hold
   * one of at most 256 carriers, so that many could never wait together. Then every call runs, at
   * most 4 at a time, in arrival order of the queue, none refused.
   */
  @Test
  void tenThousandVirtualThreadsWaitTogetherWithoutPinning() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    int threads = 10_000;
    int max = 4;
    ConcurrencyLimiter limiter = limiter(max, TimeUnit.HOURS.toMillis(1));
    for (int i = 0; i < max; i++) {
      limiter.acquire();
    }
    AtomicInteger running = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    ExecutorService executor =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    List<Future<?>> calls = new ArrayList<>(threads);
    try {
      for (int i = 0; i < threads; i++) {
        calls.add(executor.submit(() -> {
          limiter.acquire();
          try {
            highest.accumulateAndGet(running.incrementAndGet(), Math::max);
            ran.incrementAndGet();
            running.decrementAndGet();
          } finally {
            limiter.release();
          }
        }));
      }
      awaitState(() -> limiter.waiting() == threads, "all virtual threads waiting at once");
      for (int i = 0; i < max; i++) {
        limiter.release();
      }
    } finally {
      executor.shutdown();
    }
    assertTrue(executor.awaitTermination(2, TimeUnit.MINUTES), "virtual threads did not finish");
    for (Future<?> call : calls) {
      call.get();
    }
    assertEquals(threads, ran.get());
    assertTrue(highest.get() <= max, highest.get() + " calls ran at once");
    assertEquals(0, limiter.rejections());
    assertEquals(max, limiter.available());
  }

  /** Waits (yielding) until {@code state} holds; fails after two minutes, far beyond any scheduling delay. */
  private static void awaitState(BooleanSupplier state, String what) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!state.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not reached in 2 minutes: " + what);
      }
      Thread.yield();
    }
  }
}
