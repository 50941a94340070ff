package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.await;
import static dev.warden.it.Guards.bulkhead;
import static dev.warden.it.Guards.stats;
import static dev.warden.it.Guards.timesWaited;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.Warehouse;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.GuardRejectedException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** @Bulkhead: the concurrency bound, waiting for a slot, rejections, fallbacks, interrupts, JMX. */
class BulkheadIT {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final Warehouse warehouse = Mode.current().fixtures().warehouse();

  /**
   * 8 threads behind a start gate make 200 calls each to a bulkhead of 3 that lets them wait.
   * Every body counts the bodies running with it: never more than 3, and exactly 3 at least once
   * (the first three bodies wait for each other at a barrier, which they can pass only together).
   * Every call gets in, none is rejected.
   */
  @Test
  void neverMoreThanMaxConcurrentBodiesRunAtOnce() throws Exception {
    String name = FIXTURES + "Warehouse#pack";
    int threads = 8;
    int perThread = 200;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger tickets = new AtomicInteger();
    CyclicBarrier firstThree = new CyclicBarrier(3);
    Runnable body = () -> {
      int now = running.incrementAndGet();
      most.accumulateAndGet(now, Math::max);
      try {
        if (tickets.getAndIncrement() < 3) {
          firstThree.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
        Thread.yield();
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("the first three bodies never ran together", e);
      } finally {
        running.decrementAndGet();
      }
    };
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          for (int i = 0; i < perThread; i++) {
            warehouse.pack(body);
          }
        } catch (Throwable e) {
          unexpected.compareAndSet(null, e);
        }
      });
      worker.start();
      workers.add(worker);
    }
    ready.await();
    go.countDown();
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(120));
      assertFalse(worker.isAlive(), "calls still running after 120 s");
    }
    assertNull(unexpected.get());
    assertEquals(3, most.get(), "maxConcurrent = 3: never more, and 3 did run together");
    assertEquals(threads * perThread, warehouse.served(), "every call got a slot within maxWaitMillis");
    ConcurrencyLimiter bulkhead = bulkhead(name);
    assertEquals(3, bulkhead.available(), "every slot given back");
    assertEquals(0, bulkhead.rejections());
    CallStats stats = stats(name);
    assertEquals(threads * perThread, stats.calls());
    assertEquals(threads * perThread, stats.successes());
    assertEquals(0, stats.rejections());
  }

  @Test
  void waitingCallGetsInWhenASlotFrees() throws Exception {
    String name = FIXTURES + "Warehouse#load";
    Held first = Held.start(body -> warehouse.load("first", body));
    AtomicReference<Object> second = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        second.set(warehouse.load("second", () -> { }));
      } catch (Throwable e) {
        second.set(e);
      }
    });
    waiter.start();
    ConcurrencyLimiter bulkhead = bulkhead(name);
    await("the second truck waits for the bay", LIMIT, () -> bulkhead.waiting() == 1);
    assertEquals(1, warehouse.served(), "the waiting call's body has not run");
    assertNull(second.get());

    assertEquals("loaded first", first.finish());
    waiter.join(LIMIT.toMillis());
    assertEquals("loaded second", second.get(), "got the slot the first call gave back");
    assertEquals(2, warehouse.served());
    assertEquals(1, bulkhead.available());
    assertEquals(0, bulkhead.rejections());
  }

  @Test
  void rejectedOnceMaxWaitHasPassed() throws Exception {
    String name = FIXTURES + "Warehouse#weigh";
    Held held = Held.start(body -> warehouse.weigh("first", body));
    long start = System.nanoTime();
    BulkheadFullException e = assertThrows(BulkheadFullException.class, () -> warehouse.weigh("second", () -> { }));
    long waited = System.nanoTime() - start;
    assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(200),
        "maxWaitMillis = 200: waited " + TimeUnit.NANOSECONDS.toMicros(waited) + " us");
    assertEquals(name, e.guardName());
    assertNull(e.getCause());
    assertEquals("first: 2 kg", held.finish());
    assertEquals(1, warehouse.served());
    assertEquals(1, bulkhead(name).rejections());
  }

  @Test
  void rejectedAtOnceWhenMaxWaitIsZeroNamingTheGuard() throws Exception {
    String name = FIXTURES + "Warehouse#ship";
    Held held = Held.start(body -> warehouse.ship("first", body));
    long waitsBefore = timesWaited();
    BulkheadFullException e = assertThrows(BulkheadFullException.class, () -> warehouse.ship("second", () -> { }));
    assertEquals(waitsBefore, timesWaited(), "maxWaitMillis = 0: rejected without parking or sleeping");
    assertTrue(e instanceof GuardRejectedException);
    assertEquals(name, e.guardName());
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertEquals(1, warehouse.served());
    CallStats stats = stats(name);
    assertEquals(2, stats.calls());
    assertEquals(1, stats.rejections());
    assertEquals(1, stats.inFlight(), "the held call");

    assertEquals("shipped first", held.finish());
    assertEquals(1, stats.successes());
    assertEquals(stats.calls(), stats.successes() + stats.failures() + stats.rejections());
    assertEquals(1, bulkhead(name).rejections());
    assertEquals("shipped third", warehouse.ship("third", () -> { }), "the slot is free again");
  }

  @Test
  void fallbackAnswersInsteadOfBulkheadFullException() throws Exception {
    Held held = Held.start(body -> warehouse.reserve("desk", body));
    assertEquals("queued chair", warehouse.reserve("chair", () -> { }));
    assertEquals("reserved desk", held.finish());
    CallStats stats = stats(FIXTURES + "Warehouse#reserve");
    assertEquals(2, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(1, stats.rejections());
  }

  @Test
  void fallbackReceivesTheRejection() throws Exception {
    String name = FIXTURES + "Warehouse#restock";
    Held held = Held.start(body -> warehouse.restock("bolts", body));
    assertEquals("declined nuts (" + name + ")", warehouse.restock("nuts", () -> { }));
    assertEquals("restocked bolts", held.finish());
    assertEquals(1, warehouse.served());
  }

  @Test
  void interruptWhileWaitingRejectsAndKeepsTheInterruptFlag() throws Exception {
    String name = FIXTURES + "Warehouse#audit";
    Held held = Held.start(body -> warehouse.audit("A1", body));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        warehouse.audit("B2", () -> { });
      } catch (Throwable e) {
        thrown.set(e);
        flagKept.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    ConcurrencyLimiter bulkhead = bulkhead(name);
    await("the second call waits for a slot", LIMIT, () -> bulkhead.waiting() == 1);
    caller.interrupt();
    caller.join(LIMIT.toMillis());
    assertFalse(caller.isAlive(), "the interrupt did not end the wait");

    assertTrue(thrown.get() instanceof BulkheadFullException, String.valueOf(thrown.get()));
    assertEquals(name, ((BulkheadFullException) thrown.get()).guardName());
    assertTrue(thrown.get().getCause() instanceof InterruptedException, String.valueOf(thrown.get().getCause()));
    assertTrue(flagKept.get(), "the interrupt flag stays set");
    assertEquals(0, bulkhead.waiting());
    assertEquals("audited A1", held.finish());
    assertEquals(1, warehouse.served(), "the interrupted call never ran");
    assertEquals(1, bulkhead.available());
  }

  @Test
  void jmxShowsTheBulkhead() throws Exception {
    String name = FIXTURES + "Warehouse#label";
    Held held = Held.start(body -> warehouse.label("p1", body));
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = new ObjectName("dev.warden:type=Bulkhead,name=" + ObjectName.quote(name));
    assertEquals(name, server.getAttribute(bean, "Name"));
    assertEquals(4, server.getAttribute(bean, "MaxConcurrent"));
    assertEquals(250L, server.getAttribute(bean, "MaxWaitMillis"));
    assertEquals(3, server.getAttribute(bean, "Available"), "one slot held");
    assertEquals(0, server.getAttribute(bean, "Waiting"));
    assertEquals(0L, server.getAttribute(bean, "Rejections"));
    assertEquals("label p1", held.finish());
    assertEquals(4, server.getAttribute(bean, "Available"));
  }
}
