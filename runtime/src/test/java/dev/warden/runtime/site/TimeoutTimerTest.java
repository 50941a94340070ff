package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.FakeTime;
import dev.warden.runtime.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The timer itself: its one lazy daemon thread, letting clocks go, and the async tasks. */
class TimeoutTimerTest {

  private static final long MS = 1_000_000L;

  /** A task that records the threads it expired on. */
  static final class Task extends AsyncDeadline {
    final AtomicInteger expired = new AtomicInteger();
    final AtomicReference<Thread> on = new AtomicReference<>();
    final CountDownLatch done = new CountDownLatch(1);

    Task(long deadlineNanos) {
      super(deadlineNanos);
    }

    @Override
    void expire() {
      expired.incrementAndGet();
      on.set(Thread.currentThread());
      done.countDown();
    }
  }

  /**
   * In a JVM of its own: no timer thread after the timer was obtained and untimed-interrupt calls
   * ran; after timed calls on 20 threads exactly one thread named {@code warden-timer}, a daemon
   * with no context class loader.
   */
  @Test
  void oneLazyDaemonThreadForTheWholeJvm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-cp", classPath(), ThreadProbe.class.getName()))
        .redirectErrorStream(true)
        .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    process.getInputStream().transferTo(out);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertEquals("before=0 after=1 daemon=true loader=null interrupted=true", output.strip());
  }

  /** Runs in a JVM of its own; see {@link #oneLazyDaemonThreadForTheWholeJvm()}. */
  static final class ThreadProbe {
    public static void main(String[] args) throws Exception {
      CallClock clock = TimeoutTimer.jvmWide().clock();
      clock.enter(MS, false, null);
      clock.exit();
      int before = timerThreads().size();
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Thread caller = new Thread(() -> {
          CallClock own = TimeoutTimer.jvmWide().clock();
          own.enter(10_000 * MS, true, null);
          own.exit();
        });
        caller.start();
        callers.add(caller);
      }
      for (Thread caller : callers) {
        caller.join();
      }
      clock.enter(MS, true, null); // and one that fires
      boolean interrupted = false;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!interrupted && System.nanoTime() - until < 0) {
        LockSupport.parkNanos(until - System.nanoTime());
        interrupted = Thread.currentThread().isInterrupted();
      }
      clock.exit();
      List<Thread> timers = timerThreads();
      System.out.println("before=" + before + " after=" + timers.size() + " daemon=" + timers.get(0).isDaemon()
          + " loader=" + timers.get(0).getContextClassLoader() + " interrupted=" + interrupted);
    }

    private static List<Thread> timerThreads() {
      List<Thread> timers = new ArrayList<>();
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().equals("warden-timer")) {
          timers.add(thread);
        }
      }
      return timers;
    }
  }

  /** This JVM's classes as one class path (the tests run patched into the runtime module). */
  private static String classPath() throws Exception {
    List<String> entries = new ArrayList<>();
    entries.add(Path.of(ThreadProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  @Test
  void aTimerWithoutTimedCallsHasNoThread() {
    TimeoutTimer timer = new TimeoutTimer(TimeSource.SYSTEM, Runnable::run, true);
    CallClock clock = timer.clock();
    clock.enter(MS, false, null);
    clock.exit();
    assertNull(timer.timerThread());
    clock.enter(10_000 * MS, true, null);
    clock.exit();
    Thread thread = timer.timerThread();
    assertNotNull(thread);
    assertEquals("warden-timer", thread.getName());
    assertTrue(thread.isDaemon());
    assertNull(thread.getContextClassLoader());
  }

  /** On the real clock: a body parked far beyond its deadline is interrupted, and exit clears the flag. */
  @Test
  void theRunningTimerInterruptsAnOverrunningCall() {
    TimeoutTimer timer = new TimeoutTimer(TimeSource.SYSTEM, Runnable::run, true);
    CallClock clock = timer.clock();
    clock.enter(20 * MS, true, null);
    long start = clock.startNanos(); // entering started the timer thread, which takes a while
    long until = start + TimeUnit.SECONDS.toNanos(20);
    while (!Thread.currentThread().isInterrupted() && System.nanoTime() - until < 0) {
      LockSupport.parkNanos(until - System.nanoTime()); // returns when interrupted
    }
    long parked = System.nanoTime() - start;
    assertTrue(Thread.currentThread().isInterrupted(), "interrupted");
    assertTrue(parked >= 20 * MS, "not before the deadline: " + parked);
    assertTrue(clock.exit());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /**
   * A thread that made a timed call and died is not kept by the timer: once its idle clock is let
   * go, nothing references the thread (bounded wait for the garbage collector).
   */
  @Test
  void deadThreadsAreNotKept() throws Exception {
    TimeoutTimer timer = new TimeoutTimer(TimeSource.SYSTEM, Runnable::run, true);
    Thread caller = new Thread(() -> {
      CallClock clock = timer.clock();
      clock.enter(5 * MS, true, null); // the sweeps pace at 5 ms: the idle clock goes after ~15 ms
      clock.exit();
    });
    caller.start();
    caller.join();
    assertNotNull(timer.timerThread());
    WeakReference<Thread> dead = new WeakReference<>(caller);
    caller = null;
    for (int attempt = 0; attempt < 200 && dead.get() != null; attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(dead.get(), "the timer still references a dead thread");
  }

  /** Async: due at its deadline (never before), expired once on the hand-off executor; cancelled tasks never. */
  @Test
  void tasksExpireOnceAtTheirDeadline() {
    FakeTime time = new FakeTime();
    TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);
    Task due = new Task(time.peek() + 10 * MS);
    Task cancelled = new Task(time.peek() + 5 * MS);
    Task later = new Task(time.peek() + 20 * MS);
    timer.schedule(later);
    timer.schedule(due);
    timer.schedule(cancelled);
    timer.scanOnce();
    assertEquals(time.peek() + 5 * MS, timer.plannedWake());
    assertTrue(cancelled.cancel());
    time.advance(10 * MS - 1);
    timer.scanOnce();
    assertEquals(0, due.expired.get());
    assertEquals(time.peek() + 1, timer.plannedWake(), "the cancelled task is dropped");
    time.advance(1);
    timer.scanOnce();
    assertEquals(1, due.expired.get());
    assertFalse(due.cancel(), "too late");
    assertEquals(time.peek() + 10 * MS, timer.plannedWake());
    time.advance(100 * MS);
    timer.scanOnce();
    timer.scanOnce();
    assertEquals(1, due.expired.get());
    assertEquals(1, later.expired.get());
    assertEquals(0, cancelled.expired.get());
    assertTrue(timer.plannedWake() - time.peek() >= Long.MAX_VALUE / 4, "nothing left: no tick");
  }

  /** Cancelled tasks are purged from the queue (at 64 queued), not kept until their deadlines. */
  @Test
  void cancelledTasksArePurged() {
    FakeTime time = new FakeTime();
    TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);
    Task kept = new Task(time.peek() + 1_000 * MS);
    timer.schedule(kept);
    int most = 0;
    for (int i = 0; i < 1_000; i++) {
      Task task = new Task(time.peek() + 2_000 * MS);
      timer.schedule(task);
      timer.scanOnce();
      most = Math.max(most, timer.queuedTasks());
      assertTrue(task.cancel());
    }
    assertEquals(63, most, "purged in the sweep that queues the 64th");
    time.advance(1_000 * MS);
    timer.scanOnce();
    assertEquals(1, kept.expired.get());
  }

  /** On the real timer the task runs on the hand-off executor, not on the timer thread; an earlier task wakes the timer. */
  @Test
  void dueTasksRunOnTheHandOffExecutorAndAnEarlierOneWakesTheTimer() throws Exception {
    ExecutorService handoff = Executors.newSingleThreadExecutor(r -> new Thread(r, "hand-off"));
    try {
      TimeoutTimer timer = new TimeoutTimer(TimeSource.SYSTEM, handoff, true);
      Task far = new Task(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
      timer.schedule(far);
      for (int i = 0; i < 10_000 && timer.timerThread().getState() != Thread.State.TIMED_WAITING; i++) {
        Thread.sleep(1); // the timer parks until the far deadline
      }
      assertEquals(Thread.State.TIMED_WAITING, timer.timerThread().getState());
      Task near = new Task(System.nanoTime() + 5 * MS);
      timer.schedule(near);
      assertTrue(near.done.await(20, TimeUnit.SECONDS), "the earlier task did not wake the timer");
      assertEquals("hand-off", near.on.get().getName());
      assertEquals(1, near.expired.get());
      assertEquals(0, far.expired.get());
      assertTrue(far.cancel());
    } finally {
      handoff.shutdownNow();
    }
  }

  /**
   * Cancel racing expiry on real threads, 2,000 tasks due at once: for each, exactly one of
   * "cancel returned true" and "expire ran" holds.
   */
  @Test
  void cancelRacingExpiryHasExactlyOneWinner() throws Exception {
    int rounds = 2_000;
    FakeTime time = new FakeTime();
    TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);
    AtomicReferenceArray<Task> tasks = new AtomicReferenceArray<>(rounds);
    boolean[] cancelled = new boolean[rounds];
    CyclicBarrier scheduled = new CyclicBarrier(2);
    CyclicBarrier go = new CyclicBarrier(2);
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread canceller = new Thread(() -> {
      try {
        for (int i = 0; i < rounds; i++) {
          scheduled.await();
          go.await();
          if ((i & 1) == 0) {
            Thread.onSpinWait();
          }
          cancelled[i] = tasks.get(i).cancel();
        }
      } catch (Throwable t) {
        error.set(t);
      }
    });
    canceller.start();
    for (int i = 0; i < rounds; i++) {
      Task task = new Task(time.peek() + ThreadLocalRandom.current().nextLong(2));
      tasks.set(i, task);
      timer.schedule(task);
      scheduled.await();
      time.advance(1);
      go.await();
      timer.scanOnce();
    }
    canceller.join(60_000);
    assertNull(error.get());
    int cancels = 0;
    for (int i = 0; i < rounds; i++) {
      int expired = tasks.get(i).expired.get();
      assertEquals(1, expired + (cancelled[i] ? 1 : 0), "task " + i);
      cancels += cancelled[i] ? 1 : 0;
    }
    System.out.printf("cancel vs expiry: %d cancelled, %d expired%n", cancels, rounds - cancels);
  }

  @Test
  void theJvmWideTimerIsOne() {
    assertSame(TimeoutTimer.jvmWide(), TimeoutTimer.jvmWide());
  }
}
