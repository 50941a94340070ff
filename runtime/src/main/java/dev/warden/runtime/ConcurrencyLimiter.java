package dev.warden.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bulkhead: at most {@code maxConcurrent} callers hold a slot at once, whatever the number of
 * threads. A caller takes a slot, does its work and gives the slot back with {@link #release()};
 * a caller finding no free slot either gives up at once or waits, first come first served, up to
 * the time it allows.
 *
 * <p>The limit is exact: the slots taken and not yet released never exceed {@code
 * maxConcurrent} at any instant. Waiting is strictly FIFO: a released slot passes directly to the
 * longest-waiting caller, and a caller arriving while others wait never takes a slot before them
 * (unlike {@link java.util.concurrent.Semaphore#tryAcquire()}, which barges even when fair).
 *
 * <p>A slot belongs to no thread: any thread may release it (an asynchronous call releases it
 * when its stage completes). So {@link #release()} can only detect the release of a slot nobody
 * holds when every slot is free; it then throws {@link IllegalStateException}.
 *
 * <p>{@link #reconfigure} changes the limit and the wait while calls run. Raising the limit hands
 * the new slots to the longest-waiting callers at once (then to the free slots); lowering it lets
 * the calls holding slots finish, and admits no one until fewer than the new limit hold one: the
 * slots a release gives back are retired first. So the slots held never exceed the larger of the
 * two limits, and no caller admitted after the change pushes them above the new one. A wait
 * started before the change keeps its length.
 *
 * <p>Interrupts: only a wait is interrupted. A caller whose interrupt flag is set gets a free
 * slot as usual; a caller interrupted while waiting gets {@link InterruptedException} (from {@link
 * #tryAcquire(long, TimeUnit)}) or a {@link BulkheadFullException} whose cause is that exception,
 * with the flag set again (from {@link #acquire()}). A slot granted at the same moment as the
 * interrupt or the end of the wait is kept: the call is admitted, with its flag set if it was
 * interrupted.
 *
 * <p>Cost: taking and releasing a free slot is one compare-and-set each on one word, with no lock
 * and no allocation. A caller that waits links one small node into a queue under a short lock,
 * then parks through the {@link TimeSource} holding nothing (so a virtual thread unmounts; the
 * lock is a {@link ReentrantLock}, which does not pin one either).
 *
 * <p>A refusal is never logged per call: the first one after a quiet minute is logged once at
 * {@code INFO}, which costs each refusal one clock read (see {@code docs/events.md}).
 *
 * <p>Thread-safe: every method may be called concurrently.
 *
 * <p>Example: at most 4 uploads at once; a caller waits up to 2 s for a slot, else is refused:
 *
 * <pre>{@code
 * ConcurrencyLimiter uploads = ConcurrencyLimiter.create("uploads", new ConcurrencyLimiterConfig(4, 2_000));
 *
 * void upload(Path file) {
 *   uploads.acquire(); // waits up to 2 s; BulkheadFullException if no slot came free
 *   try {
 *     storage.put(file);
 *   } finally {
 *     uploads.release();
 *   }
 * }
 * }</pre>
 */
public final class ConcurrencyLimiter implements Guard {

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(ConcurrencyLimiter.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One waiter, in the high half of {@link #state}. */
  private static final long ONE_WAITER = 1L << 32;

  private final String name;
  /** The configuration in force; replaced (under {@link #queueLock}) by {@link #reconfigure}. */
  private volatile ConcurrencyLimiterConfig config;
  private final TimeSource time;
  private final LongAdder rejections = new LongAdder();
  /** Logs the first refusal after a quiet period. */
  private final RefusalLog refusals;

  /**
   * {@code waiters * 2^32 + free}: the waiters not yet served, and the free slots (a signed 32-bit
   * count: negative after the limit was lowered below the slots held, by the slots to retire).
   * Free slots and waiters are never both positive: a slot released while someone waits goes to
   * the first waiter, not to the free count, unless it is to be retired. While someone waits it
   * changes only under {@link #queueLock}, together with the queue. The slots held are always the
   * limit minus the free count.
   */
  private volatile long state;

  /** Guards the queue of waiters; never held while parked. */
  private final ReentrantLock queueLock = new ReentrantLock();
  /** The longest-waiting caller, or {@code null}; guarded by {@link #queueLock}. */
  private Waiter head;
  /** The latest waiting caller, or {@code null}; guarded by {@link #queueLock}. */
  private Waiter tail;

  private ConcurrencyLimiter(String name, ConcurrencyLimiterConfig config, TimeSource time) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.time = Objects.requireNonNull(time, "time");
    this.state = config.maxConcurrent();
    this.refusals = new RefusalLog(this::describe, time.nanoTime());
  }

  /**
   * A limiter on the system clock.
   *
   * @param name the name it reports in rejections, logs and JMX
   * @param config its configuration
   * @return a new limiter with every slot free
   */
  public static ConcurrencyLimiter create(String name, ConcurrencyLimiterConfig config) {
    return new ConcurrencyLimiter(name, config, TimeSource.SYSTEM);
  }

  /**
   * A limiter on the given time source (tests inject a fake one).
   *
   * @param name the name it reports in rejections, logs and JMX
   * @param config its configuration
   * @param time the clock it reads and the way it parks
   * @return a new limiter with every slot free
   */
  public static ConcurrencyLimiter create(String name, ConcurrencyLimiterConfig config, TimeSource time) {
    return new ConcurrencyLimiter(name, config, time);
  }

  /** {@return the name it reports in rejections, logs and JMX} */
  public String name() {
    return name;
  }

  /** {@return its configuration: the one it was created with, or the latest {@link #reconfigure} set} */
  public ConcurrencyLimiterConfig config() {
    return config;
  }

  /** {@return the most slots held at once} */
  public int maxConcurrent() {
    return config.maxConcurrent();
  }

  /**
   * Replaces its configuration (see the class comment for the calls holding or waiting for a
   * slot): a new {@code maxWaitMillis} applies to the waits that start afterwards.
   *
   * @param config the new configuration
   */
  public void reconfigure(ConcurrencyLimiterConfig config) {
    Objects.requireNonNull(config, "config");
    Waiter[] woken;
    queueLock.lock();
    try {
      int change = config.maxConcurrent() - this.config.maxConcurrent();
      if (change > 0) {
        this.config = config; // first: a release never sees more free slots than its limit allows
      }
      woken = resize(change);
      this.config = config;
    } finally {
      queueLock.unlock();
    }
    for (Waiter waiter : woken) {
      LockSupport.unpark(waiter.thread);
    }
  }

  /**
   * Adds {@code change} slots (retires them, if negative) and hands the free ones to the waiters,
   * first come first served, in one step of {@link #state}; under {@link #queueLock}, which keeps
   * the waiters' count and queue together.
   *
   * @return the waiters granted a slot, to wake after leaving the lock
   */
  private Waiter[] resize(int change) {
    long s = state;
    for (;;) {
      int free = free(s) + change;
      int granted = Math.min(Math.max(free, 0), waiters(s));
      long witness = (long) STATE.compareAndExchange(this, s, s + change - granted - granted * ONE_WAITER);
      if (witness == s) {
        Waiter[] woken = new Waiter[granted];
        for (int i = 0; i < granted; i++) {
          Waiter first = head;
          unlink(first);
          first.granted = true;
          woken[i] = first;
        }
        return woken;
      }
      s = witness; // a free slot taken or given back meanwhile
    }
  }

  /**
   * {@return the slots free right now, between 0 and {@link #maxConcurrent()}; 0 while anyone
   * waits or while a lowered limit still has slots to retire}
   */
  public int available() {
    return Math.max(0, free(state));
  }

  /** {@return the callers waiting for a slot right now (a caller already granted one no longer counts)} */
  public int waiting() {
    return waiters(state);
  }

  /**
   * {@return the calls refused so far: every {@code false} answer, every interrupted wait and
   * every {@link BulkheadFullException} of {@link #acquire()}, each counted once} A statistic,
   * counted just after the refusal.
   */
  public long rejections() {
    return rejections.sum();
  }

  /**
   * Takes a slot if one is free now and nobody is waiting; never waits, and ignores the interrupt
   * flag.
   *
   * @return whether a slot was taken (then call {@link #release()} once when done)
   */
  public boolean tryAcquire() {
    if (takeFree()) {
      return true;
    }
    refused();
    return false;
  }

  /**
   * Takes a slot, waiting for one up to {@code maxWait}, first come first served.
   *
   * @param maxWait the longest acceptable wait; not negative (longer than about 292 years counts
   *     as 292 years)
   * @return whether a slot was taken (then call {@link #release()} once when done)
   * @throws IllegalArgumentException if {@code maxWait} is negative
   * @throws InterruptedException if interrupted while waiting, or about to wait with the
   *     interrupt flag set (a free slot is taken whatever the flag)
   */
  public boolean tryAcquire(Duration maxWait) throws InterruptedException {
    return tryAcquire(TimeUnit.NANOSECONDS.convert(maxWait), TimeUnit.NANOSECONDS);
  }

  /**
   * As {@link #tryAcquire(Duration)}, with the wait in {@code unit}.
   *
   * @param maxWait the longest acceptable wait, in {@code unit}; {@code >= 0} ({@code 0}: as
   *     {@link #tryAcquire()})
   * @param unit the unit of {@code maxWait}
   * @return whether a slot was taken (then call {@link #release()} once when done)
   * @throws IllegalArgumentException if {@code maxWait} is negative
   * @throws InterruptedException if interrupted while waiting, or about to wait with the
   *     interrupt flag set (a free slot is taken whatever the flag)
   */
  public boolean tryAcquire(long maxWait, TimeUnit unit) throws InterruptedException {
    if (maxWait < 0) {
      throw new IllegalArgumentException("maxWait must be >= 0, got " + maxWait + " " + unit);
    }
    if (takeFree() || (maxWait > 0 && await(unit.toNanos(maxWait)))) {
      return true;
    }
    refused();
    return false;
  }

  /**
   * Takes a slot as the {@code @Bulkhead} guard does, without throwing for a refusal: waiting up to
   * the configured {@code maxWaitMillis}, first come first served.
   *
   * @return whether a slot was taken (then call {@link #release()} once when done)
   * @throws InterruptedException if interrupted while waiting, or about to wait with the
   *     interrupt flag set (a free slot is taken whatever the flag)
   */
  public boolean tryAcquireConfigured() throws InterruptedException {
    if (takeFree()) {
      return true;
    }
    long maxWaitMillis = config.maxWaitMillis();
    if (maxWaitMillis > 0 && await(TimeUnit.MILLISECONDS.toNanos(maxWaitMillis))) {
      return true;
    }
    refused();
    return false;
  }

  /**
   * Takes a slot as the {@code @Bulkhead} guard does: waiting up to the configured {@code
   * maxWaitMillis}, first come first served.
   *
   * @throws BulkheadFullException if no slot came free in time, or if the thread was interrupted
   *     while waiting (then the cause is the {@link InterruptedException} and the thread's
   *     interrupt flag is set again)
   */
  public void acquire() {
    try {
      if (tryAcquireConfigured()) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BulkheadFullException(name, e);
    }
    throw new BulkheadFullException(name);
  }

  /**
   * Gives a slot back: to the longest-waiting caller if any, else to the free slots.
   *
   * @throws IllegalStateException if every slot is already free (more releases than
   *     acquisitions)
   */
  public void release() {
    // The limit is read before the state: a raise publishes its limit before its state and a
    // lowering after, so the limit read is never below the one in force for the state read next.
    int limit = config.maxConcurrent();
    long s = state;
    for (;;) {
      if (waiters(s) == 0 || free(s) < 0) { // to the free slots, or retired
        if (free(s) >= limit) {
          int limitAgain = config.maxConcurrent();
          long again = state;
          if (again != s || limitAgain != limit) { // changed meanwhile: judge by what it left
            limit = limitAgain;
            s = again;
            continue;
          }
          throw new IllegalStateException("Bulkhead '" + name + "': release() without a slot taken (all "
              + limit + " slots are free)");
        }
        long witness = (long) STATE.compareAndExchange(this, s, s + 1);
        if (witness == s) {
          return;
        }
        s = witness;
      } else if (handOff()) {
        return;
      } else {
        s = state; // the waiters gave up meanwhile
      }
    }
  }

  /** Counts a refusal and logs it if it ends a quiet period. */
  private void refused() {
    rejections.increment();
    refusals.refused(time.nanoTime());
  }

  /** How the refusal log names the bulkhead. */
  private String describe() {
    ConcurrencyLimiterConfig config = config();
    return "Bulkhead '" + name + "' (" + config.maxConcurrent() + " concurrent, waits up to "
        + config.maxWaitMillis() + " ms)";
  }

  /** Takes a free slot if there is one (there is none while anyone waits). */
  private boolean takeFree() {
    long s = state;
    while (free(s) > 0) {
      long witness = (long) STATE.compareAndExchange(this, s, s - 1);
      if (witness == s) {
        return true;
      }
      s = witness;
    }
    return false;
  }

  /**
   * Queues the caller and parks until a slot is handed to it or {@code nanos} have passed.
   *
   * @return whether the caller holds a slot
   */
  private boolean await(long nanos) throws InterruptedException {
    long deadline = time.nanoTime() + nanos;
    Waiter waiter;
    queueLock.lock();
    try {
      // Declaring the wait and linking the node are one step for any releaser (it takes this lock
      // when it sees a waiter), and a release racing the declaration changes the word, so the
      // compare-and-set fails and the freed slot is seen here: no wake-up is lost.
      long s = state;
      for (;;) {
        if (free(s) > 0) {
          long witness = (long) STATE.compareAndExchange(this, s, s - 1);
          if (witness == s) {
            return true;
          }
          s = witness;
          continue;
        }
        if (Thread.interrupted()) {
          refused();
          throw interrupted();
        }
        long witness = (long) STATE.compareAndExchange(this, s, s + ONE_WAITER);
        if (witness == s) {
          break;
        }
        s = witness;
      }
      waiter = enqueue();
    } finally {
      queueLock.unlock();
    }
    for (;;) {
      if (waiter.granted) {
        return true;
      }
      long remaining = deadline - time.nanoTime();
      if (remaining <= 0) {
        return cancel(waiter);
      }
      time.parkNanos(remaining);
      if (Thread.interrupted()) {
        if (cancel(waiter)) {
          Thread.currentThread().interrupt(); // admitted: the grant came first
          return true;
        }
        refused();
        throw interrupted();
      }
    }
  }

  /**
   * Ends a wait that timed out or was interrupted, unless a slot was handed over first.
   *
   * @return whether the caller holds a slot after all
   */
  private boolean cancel(Waiter waiter) {
    queueLock.lock();
    try {
      if (waiter.granted) {
        return true;
      }
      unlink(waiter);
      STATE.getAndAdd(this, -ONE_WAITER);
      return false;
    } finally {
      queueLock.unlock();
    }
  }

  /**
   * Passes a released slot to the longest-waiting caller (the free count stays 0, so no arrival
   * can take it first) and wakes it, after leaving the lock.
   *
   * @return {@code false} if nobody waits any more, or the slot is to be retired (the limit was
   *     lowered meanwhile)
   */
  private boolean handOff() {
    Waiter first;
    queueLock.lock();
    try {
      first = head;
      if (first == null || free(state) < 0) {
        return false;
      }
      unlink(first);
      STATE.getAndAdd(this, -ONE_WAITER);
      first.granted = true;
    } finally {
      queueLock.unlock();
    }
    LockSupport.unpark(first.thread);
    return true;
  }

  /** Links a node for the calling thread at the tail; under {@link #queueLock}. */
  private Waiter enqueue() {
    Waiter waiter = new Waiter(Thread.currentThread());
    if (tail == null) {
      head = waiter;
    } else {
      tail.next = waiter;
      waiter.prev = tail;
    }
    tail = waiter;
    return waiter;
  }

  /** Unlinks a queued node; under {@link #queueLock}. */
  private void unlink(Waiter waiter) {
    if (waiter.prev == null) {
      head = waiter.next;
    } else {
      waiter.prev.next = waiter.next;
    }
    if (waiter.next == null) {
      tail = waiter.prev;
    } else {
      waiter.next.prev = waiter.prev;
    }
    waiter.prev = null;
    waiter.next = null;
  }

  private InterruptedException interrupted() {
    return new InterruptedException("Interrupted while waiting for a slot of bulkhead '" + name + "'");
  }

  private static int free(long state) {
    return (int) state;
  }

  private static int waiters(long state) {
    return (int) ((state - free(state)) >>> 32);
  }

  @Override
  public String toString() {
    return "ConcurrencyLimiter[" + name + ", " + config + "]";
  }

  /** A queued caller. {@code prev}/{@code next} are guarded by the limiter's lock. */
  private static final class Waiter {
    final Thread thread;
    /** Set, under the lock, when a slot is handed to this caller; read by it before every park. */
    volatile boolean granted;
    Waiter prev;
    Waiter next;

    Waiter(Thread thread) {
      this.thread = thread;
    }
  }
}
