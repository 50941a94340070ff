package dev.warden.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a task on several platform threads released together by a start gate. */
public final class Concurrently {

  /** The body of one thread, told its index. */
  @FunctionalInterface
  public interface Body {
    /** Runs on thread {@code index}. */
    void run(int index) throws Exception;
  }

  private Concurrently() {}

  /**
   * Starts {@code threads} threads, releases them at once and waits (at most 60 s) for all;
   * rethrows the first failure of any of them.
   */
  public static void run(int threads, Body body) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread thread = new Thread(() -> {
        ready.countDown();
        try {
          start.await();
          body.run(index);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "concurrently-" + t);
      thread.start();
      started.add(thread);
    }
    ready.await();
    start.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Thread thread : started) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (thread.isAlive()) {
        throw new AssertionError(thread.getName() + " did not finish within 60 s");
      }
    }
    if (failure.get() != null) {
      throw new AssertionError("a thread failed", failure.get());
    }
  }
}
