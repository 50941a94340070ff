package dev.warden.runtime.site;

import dev.warden.runtime.TimeSource;
import java.lang.ref.WeakReference;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The timer behind every timeout: one daemon thread, {@code warden-timer}, started on first need,
 * that watches the armed {@link CallClock} of each thread in a timed call and runs {@link
 * AsyncDeadline} tasks when they are due. A synchronous call costs no entry here: it arms its
 * thread's own clock in place, and the timer sweeps the clocks it knows.
 *
 * <p>A thread's clock is handed to the timer (a lock-free inbound stack) when it is armed after a
 * quiet period; the timer lets a clock go when it has seen it idle, unchanged, on {@value
 * #DROP_AFTER} sweeps in a row, so clocks of idle and dead threads are not kept.
 *
 * <p>Sleeping: after a sweep the timer parks until the earliest armed deadline or async deadline,
 * and while clocks are listed at most the shortest timeout seen so far (capped at one second)
 * later; with nothing listed and nothing scheduled it waits {@link #LINGER} and then its thread
 * ends (the next arm or schedule starts a new one), so an idle timer holds no thread. An arm or a
 * schedule with an earlier deadline than the planned wake, or during a sweep, unparks it, and so
 * does every {@value #DRAIN_EVERY}th schedule (to drop cancelled tasks); an interrupt of the timer
 * thread is ignored. It never fires early, and it runs a task itself only if the hand-off
 * executor refuses it.
 *
 * <p>Thread-safety: {@link #clock()} and {@link #schedule} may be called from any thread. {@link
 * #scanOnce()} and the other timer-side methods run on the timer thread only (or, in tests of a
 * timer without a thread, on one test thread).
 */
final class TimeoutTimer {

  /** Idle sweeps in a row after which an unchanged idle clock is let go. */
  static final int DROP_AFTER = 3;

  /** The longest a sweep waits while clocks are listed (bounds how long an idle clock is kept). */
  static final long MAX_PACE = TimeUnit.SECONDS.toNanos(1);

  /** The park of a timer with nothing to watch: indefinite in effect, and safe for wrapping differences. */
  private static final long FAR = Long.MAX_VALUE / 2;

  /** How long the JVM-wide timer's thread waits with nothing to watch before it ends (a new one starts when needed). */
  static final long LINGER = TimeUnit.SECONDS.toNanos(10);

  /** Every this many tasks scheduled without the timer waking, it wakes to drop the cancelled ones. */
  static final int DRAIN_EVERY = 1024;

  private static final Comparator<AsyncDeadline> BY_DEADLINE =
      (a, b) -> Long.signum(a.deadlineNanos() - b.deadlineNanos());

  private static final VarHandle THREAD;

  static {
    try {
      THREAD = MethodHandles.lookup().findVarHandle(TimeoutTimer.class, "thread", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final TimeoutTimer JVM_WIDE = new TimeoutTimer(TimeSource.SYSTEM, handoffPool(), true);

  /** Called by the timer between winning a clock ({@code FIRING}) and interrupting its owner. A test seam. */
  @FunctionalInterface
  interface FiringHook {
    FiringHook NONE = clock -> {};

    void firing(CallClock clock);
  }

  final TimeSource time;
  private final Executor handoff;
  private final boolean startThread;
  private final FiringHook hook;
  private final long lingerNanos;
  /**
   * Each thread's clock, held weakly: the timer holds a clock while it watches it and the owner
   * while in a call, so the map entry of a thread never keeps this runtime copy's classes (and a
   * redeployed application's class loader) alive; a clock collected in between is simply made again.
   */
  private final ThreadLocal<WeakReference<CallClock>> clocks = new ThreadLocal<>();

  /** The shortest timeout armed so far, capped at {@link #MAX_PACE}. */
  private final AtomicLong minNanos = new AtomicLong(MAX_PACE);
  /** Set while a sweep runs (and before the first one): an arm then unparks the timer. */
  private volatile boolean scanning = true;
  /** When the timer wakes next, as planned by its last sweep. */
  private volatile long plannedWake;
  private volatile Thread thread;

  private final AtomicReference<CallClock> inboundClocks = new AtomicReference<>();
  private final AtomicReference<AsyncDeadline> inboundTasks = new AtomicReference<>();

  // Timer only.
  private CallClock[] listed = new CallClock[16];
  private int listedCount;
  private final PriorityQueue<AsyncDeadline> tasks = new PriorityQueue<>(BY_DEADLINE);
  private int purgeAt = 64;

  /**
   * @param time the clock of the calls and of the timer, and how the timer parks
   * @param handoff where due async tasks run
   * @param startThread whether a timer thread is started on first need (tests drive {@link #scanOnce()} instead)
   */
  TimeoutTimer(TimeSource time, Executor handoff, boolean startThread) {
    this(time, handoff, startThread, FiringHook.NONE);
  }

  TimeoutTimer(TimeSource time, Executor handoff, boolean startThread, FiringHook hook) {
    this(time, handoff, startThread, hook, LINGER);
  }

  /**
   * @param lingerNanos how long the thread waits with nothing to watch before it ends
   */
  TimeoutTimer(TimeSource time, Executor handoff, boolean startThread, FiringHook hook, long lingerNanos) {
    this.time = time;
    this.handoff = handoff;
    this.startThread = startThread;
    this.hook = hook;
    this.lingerNanos = lingerNanos;
  }

  /**
   * Where the JVM-wide timer fails timed-out stages: daemon threads of Warden's own, created when
   * needed and ended after 30 idle seconds, so that an application that fills the common pool (or
   * whose stage dependents block) cannot delay another stage's timeout.
   */
  private static Executor handoffPool() {
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
      Thread thread = new Thread(rootGroup(), task, "warden-timeout-handoff", 0, false);
      thread.setDaemon(true);
      thread.setContextClassLoader(null);
      return thread;
    });
  }

  /** {@return the timer of this runtime copy, on the system clock; its thread starts on the first armed call} */
  static TimeoutTimer jvmWide() {
    return JVM_WIDE;
  }

  /** {@return the calling thread's clock for this timer, created on its first use} */
  CallClock clock() {
    WeakReference<CallClock> ref = clocks.get();
    CallClock clock = ref == null ? null : ref.get();
    if (clock == null) {
      clock = new CallClock(this, Thread.currentThread());
      clocks.set(new WeakReference<>(clock));
    }
    return clock;
  }

  /**
   * Runs {@code task.expire()} on the hand-off executor at or after its deadline, unless {@code
   * task.cancel()} wins first. A task is scheduled at most once.
   */
  void schedule(AsyncDeadline task) {
    AsyncDeadline head;
    do {
      head = inboundTasks.get();
      task.nextInbound = head;
      task.inboundCount = head == null ? 1 : head.inboundCount + 1;
    } while (!inboundTasks.compareAndSet(head, task));
    // also wake every DRAIN_EVERY tasks, so tasks cancelled meanwhile are not kept until a far deadline
    if (scanning || task.deadlineNanos() - plannedWake < 0 || task.inboundCount % DRAIN_EVERY == 0) {
      wake();
    }
  }

  /** One sweep now: fires due clocks, lets idle ones go, hands due tasks off, plans the next wake. */
  void scanOnce() {
    scanning = true;
    long now = time.nanoTime();
    long next = now; // should the sweep fail, the next one comes at once
    try {
      next = sweepClocks(now);
      next = expireTasks(now, next);
    } finally {
      plannedWake = next;
      scanning = false;
    }
  }

  /** Called by an owner after arming its clock (registering it if the timer had let it go). */
  void armed(CallClock clock, long deadline, boolean register) {
    if (register) {
      CallClock head;
      do {
        head = inboundClocks.get();
        clock.nextInbound = head;
      } while (!inboundClocks.compareAndSet(head, clock));
    }
    if (scanning || deadline - plannedWake < 0) {
      wake();
    }
  }

  /**
   * Called by an owner arming a timeout of {@code nanos}, and before an asynchronous timed call is
   * scheduled: the pace of the sweeps follows the shortest one.
   */
  void noteNanos(long nanos) {
    if (nanos < minNanos.get()) {
      minNanos.accumulateAndGet(nanos, Math::min);
    }
  }

  /** {@return the timer thread, or null before first need} */
  Thread timerThread() {
    return thread;
  }

  /** {@return when the timer plans to wake next, as its last sweep decided} */
  long plannedWake() {
    return plannedWake;
  }

  /** {@return how many clocks the timer watches (timer thread, or the test driving a threadless timer)} */
  int listedClocks() {
    return listedCount;
  }

  /** {@return how many async tasks the timer holds in its queue (same threads as {@link #listedClocks()})} */
  int queuedTasks() {
    return tasks.size();
  }

  private long sweepClocks(long now) {
    for (CallClock c = inboundClocks.getAndSet(null); c != null; ) {
      CallClock next = c.nextInbound;
      c.nextInbound = null;
      list(c);
      c = next;
    }
    long next = now + FAR;
    for (int i = 0; i < listedCount; ) {
      CallClock c = listed[i];
      long s = c.state(); // the deadline is read after the state
      if (s != c.seen) {
        c.seen = s;
        c.idleSweeps = 0;
      }
      int phase = CallClock.phase(s);
      if (phase == CallClock.ARMED) {
        long deadline = c.armedDeadline();
        if (now - deadline >= 0) {
          c.fire(s, hook);
        } else if (deadline - next < 0) {
          next = deadline;
        }
      } else if (phase == CallClock.IDLE && ++c.idleSweeps >= DROP_AFTER && c.unlist(s)) {
        listed[i] = listed[--listedCount];
        listed[listedCount] = null;
        continue;
      }
      i++;
    }
    // paced only while clocks are still listed after this sweep: with none left, the timer waits
    // for the next arm, which wakes it (a wake planned from before the sweep would be missed by an
    // arm whose deadline comes after it, while the idle timer lingers far longer)
    long paced = now + minNanos.get();
    return listedCount > 0 && paced - next < 0 ? paced : next;
  }

  private void list(CallClock clock) {
    if (listedCount == listed.length) {
      listed = Arrays.copyOf(listed, listedCount * 2);
    }
    clock.seen = -1;
    clock.idleSweeps = 0;
    listed[listedCount++] = clock;
  }

  private long expireTasks(long now, long next) {
    AsyncDeadline inbound = inboundTasks.getAndSet(null);
    if (inbound != null) {
      // while tasks arrive, wake at the pace of the shortest timeout at the latest: a task scheduled
      // meanwhile is due no earlier, so it need not wake the timer (most complete long before, and
      // waking per task would cost a system call per asynchronous call)
      long paced = now + minNanos.get();
      if (paced - next < 0) {
        next = paced;
      }
    }
    for (AsyncDeadline t = inbound; t != null; ) {
      AsyncDeadline following = t.nextInbound;
      t.nextInbound = null;
      if (t.pending()) {
        tasks.add(t);
      }
      t = following;
    }
    if (tasks.size() >= purgeAt) {
      tasks.removeIf(TimeoutTimer::done);
      purgeAt = Math.max(64, tasks.size() * 2);
    }
    AsyncDeadline t;
    while ((t = tasks.peek()) != null) {
      long deadline = t.deadlineNanos();
      if (t.pending() && now - deadline < 0) {
        return deadline - next < 0 ? deadline : next;
      }
      tasks.poll();
      if (t.claimExpiry()) {
        try {
          handoff.execute(t::expire);
        } catch (Throwable refused) { // rather on this thread than never: the caller's stage must complete
          t.expire();
        }
      }
    }
    return next;
  }

  private static boolean done(AsyncDeadline task) {
    return !task.pending();
  }

  private void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    } else if (startThread) {
      start();
    }
  }

  private void start() {
    Thread t = new Thread(rootGroup(), this::run, "warden-timer", 0, false);
    t.setDaemon(true);
    t.setContextClassLoader(null);
    if (THREAD.compareAndSet(this, null, t)) {
      try {
        t.start();
      } catch (Throwable e) { // no thread after all: the next arm or schedule tries again
        THREAD.compareAndSet(this, t, null);
        throw e;
      }
    } else {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    Thread self = Thread.currentThread();
    for (;;) {
      try {
        scanOnce();
      } catch (Throwable t) { // the timer must outlive a failing hand-off
        report(self, t);
      }
      Thread.interrupted(); // an interrupt means nothing to the timer, and a set flag would make every park return at once
      if (idle()) {
        // Nothing planned, published before the last look: an arm or schedule that pushed before
        // this write is seen by idle() below; one that reads plannedWake after it compares with
        // "far", so it wakes this thread or, once it has ended, starts a new one.
        plannedWake = time.nanoTime() + FAR;
        if (!idle()) {
          continue;
        }
        time.parkNanos(lingerNanos); // any arm or schedule unparks it
        Thread.interrupted();
        if (idle() && retire(self)) {
          return;
        }
        continue;
      }
      long wait = plannedWake - time.nanoTime();
      if (wait > 0) {
        time.parkNanos(wait);
      }
    }
  }

  /** Whether the timer has nothing to watch: no clock listed, no task queued, nothing inbound. */
  private boolean idle() {
    return listedCount == 0 && tasks.isEmpty() && inboundClocks.get() == null && inboundTasks.get() == null;
  }

  /**
   * Ends this timer thread, so that an idle timer keeps no thread (nor, through it, this runtime
   * copy's classes); an arm or schedule after that starts a new one. An arm racing the retirement
   * either sees no thread and starts one, or is seen here and keeps this one going.
   *
   * @return whether the thread is to end
   */
  private boolean retire(Thread self) {
    if (!THREAD.compareAndSet(this, self, null)) {
      return true;
    }
    if (inboundClocks.get() == null && inboundTasks.get() == null) {
      return true;
    }
    return !THREAD.compareAndSet(this, null, self); // else a new thread was started and takes over
  }

  private static void report(Thread self, Throwable t) {
    try {
      self.getUncaughtExceptionHandler().uncaughtException(self, t);
    } catch (Throwable ignored) {
      // a failing handler must not end the timer
    }
  }

  /** The root thread group: Warden's threads belong to no application's group (an interrupt of that group does not reach them). */
  private static ThreadGroup rootGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group != null && group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }
}
