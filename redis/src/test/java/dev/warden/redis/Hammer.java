package dev.warden.redis;

import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Threads calling {@link SharedBucket#reserve} without pause until stopped, counting answers and
 * store failures and keeping the longest call and anything else thrown.
 */
final class Hammer implements AutoCloseable {

  final AtomicLong answers = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  private final AtomicLong longestNanos = new AtomicLong();
  private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
  private final Queue<String> failureMessages = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;

  Hammer(SharedBucket bucket, int threadCount) {
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(() -> run(bucket), "hammer-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void run(SharedBucket bucket) {
    while (!stopped) {
      long start = System.nanoTime();
      try {
        bucket.reserve(0);
        answers.incrementAndGet();
      } catch (StoreException e) {
        failures.incrementAndGet();
        if (failureMessages.size() < 1_000) {
          failureMessages.add(e.getMessage());
        }
        LockSupport.parkNanos(1_000_000); // a failed call may return at once: leave the CPU to others
      } catch (Throwable e) {
        unexpected.add(e);
      }
      long took = System.nanoTime() - start;
      longestNanos.accumulateAndGet(took, Math::max);
    }
  }

  /** Waits (up to 20 s) until {@code counter} has grown by {@code by}. */
  void awaitMore(LongSupplier counter, long by) {
    long target = counter.getAsLong() + by;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (counter.getAsLong() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No progress within 20 s: " + this);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  long longestMillis() {
    return TimeUnit.NANOSECONDS.toMillis(longestNanos.get());
  }

  List<Throwable> unexpected() {
    return List.copyOf(unexpected);
  }

  List<String> failureMessages() {
    return List.copyOf(failureMessages);
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    for (Thread thread : threads) {
      thread.join(30_000);
    }
  }

  @Override
  public String toString() {
    return "Hammer[answers=" + answers + ", failures=" + failures + ", longest=" + longestMillis() + " ms]";
  }
}
