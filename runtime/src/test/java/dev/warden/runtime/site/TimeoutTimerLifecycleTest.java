package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.TimeSource;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The timer thread's life: an interrupt does not make it spin, it ends when idle and a new one
 * starts when needed, a thread's clock does not keep a runtime copy's classes alive, and cancelled
 * tasks are not kept until a far deadline. Findings D2, D3 and D4 of the issue-13 review.
 */
class TimeoutTimerLifecycleTest {

  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  /** Counts parks; parks for real. */
  private static final class CountingTime implements TimeSource {
    final AtomicLong parks = new AtomicLong();

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void parkNanos(long nanos) {
      parks.incrementAndGet();
      TimeSource.SYSTEM.parkNanos(nanos);
    }
  }

  private static final class Task extends AsyncDeadline {
    final CountDownLatch expired = new CountDownLatch(1);

    Task(long deadline) {
      super(deadline);
    }

    @Override
    void expire() {
      expired.countDown();
    }
  }

  private static Thread awaitThread(TimeoutTimer timer) {
    while (timer.timerThread() == null) {
      Thread.onSpinWait();
    }
    return timer.timerThread();
  }

  /** D2: the timer parked with its interrupt flag set, so every park returned at once: a busy loop. */
  @Test
  void anInterruptOfTheTimerThreadIsIgnored() throws Exception {
    CountingTime time = new CountingTime();
    TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, true);
    timer.schedule(new Task(System.nanoTime() + HOUR));
    Thread thread = awaitThread(timer);
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }
    long before = time.parks.get();
    thread.interrupt();
    Thread.sleep(300);
    assertTrue(time.parks.get() - before <= 2, (time.parks.get() - before) + " parks in 300 ms after one interrupt");
    Task soon = new Task(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
    timer.schedule(soon);
    assertTrue(soon.expired.await(10, TimeUnit.SECONDS), "still serves deadlines");
  }

  /** D3: the thread of an idle timer never ended; it now ends after its linger and a new one starts on demand. */
  @Test
  void anIdleTimerEndsItsThreadAndStartsANewOneWhenNeeded() throws Exception {
    TimeoutTimer timer = new TimeoutTimer(
        TimeSource.SYSTEM, Runnable::run, true, TimeoutTimer.FiringHook.NONE, TimeUnit.MILLISECONDS.toNanos(50));
    Task first = new Task(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10));
    timer.schedule(first);
    Thread thread = awaitThread(timer);
    assertTrue(first.expired.await(10, TimeUnit.SECONDS));
    thread.join(TimeUnit.SECONDS.toMillis(30));
    assertEquals(Thread.State.TERMINATED, thread.getState(), "the idle timer's thread ended");
    assertNull(timer.timerThread());

    Task second = new Task(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10));
    timer.schedule(second);
    assertTrue(second.expired.await(10, TimeUnit.SECONDS), "a new thread serves the next deadline");

    Thread owner = new Thread(() -> {
      CallClock clock = timer.clock();
      clock.enter(TimeUnit.MILLISECONDS.toNanos(20), true, null);
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException expected) {
        // the new thread interrupts at the deadline
      }
      clock.exit();
    });
    owner.start();
    owner.join(TimeUnit.SECONDS.toMillis(10));
    assertEquals(Thread.State.TERMINATED, owner.getState(), "an armed clock is watched by the new thread");
  }

  /**
   * D3: a thread's clock lived in a {@code ThreadLocal} it kept strongly, so a long-lived thread
   * (a container's) that made one timed call through an application's own copy of the runtime kept
   * that application's class loader alive after it was undeployed.
   */
  @Test
  void aClockDoesNotKeepARuntimeCopysClassLoaderAlive() throws Exception {
    URL classes = Path.of("target/classes").toAbsolutePath().toUri().toURL();
    URLClassLoader app = new URLClassLoader(new URL[] {classes}, null);
    Class<?> timerType = app.loadClass(TimeoutTimer.class.getName());
    Method jvmWide = timerType.getDeclaredMethod("jvmWide");
    jvmWide.setAccessible(true);
    Method clock = timerType.getDeclaredMethod("clock");
    clock.setAccessible(true);
    Object theClock = clock.invoke(jvmWide.invoke(null));
    Class<?> clockType = theClock.getClass();
    Method enter = clockType.getDeclaredMethod("enter", long.class, boolean.class, Object.class);
    enter.setAccessible(true);
    Method exit = clockType.getDeclaredMethod("exit");
    exit.setAccessible(true);
    enter.invoke(theClock, 60_000_000_000L, false, "permit");
    exit.invoke(theClock);
    WeakReference<ClassLoader> loader = new WeakReference<>(app);
    app.close();
    app = null;
    timerType = null;
    jvmWide = null;
    clock = null;
    theClock = null;
    clockType = null;
    enter = null;
    exit = null;
    for (int i = 0; i < 50 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(loader.get(), "this thread's clock keeps the copy's class loader");
  }

  /**
   * Second review of issue 13, B1: a sweep that drained only finished tasks planned a wake at the
   * sweeps' pace, then the idle thread lingered and ended with that stale plan; an arm due after
   * it never woke the timer nor started a new thread, so the call was never interrupted.
   */
  @Test
  void anArmAfterTheIdleThreadEndedStartsANewOne() throws Exception {
    TimeoutTimer timer = new TimeoutTimer(
        TimeSource.SYSTEM, Runnable::run, true, TimeoutTimer.FiringHook.NONE, TimeUnit.MILLISECONDS.toNanos(200));
    timer.noteNanos(TimeUnit.MILLISECONDS.toNanos(100));
    Task finished = new Task(System.nanoTime() + HOUR);
    finished.cancel(); // as a stage that completed before the timer drained it
    timer.schedule(finished);
    Thread first = awaitThread(timer);
    first.join(TimeUnit.SECONDS.toMillis(30));
    assertEquals(Thread.State.TERMINATED, first.getState(), "the idle timer's thread ended");

    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread owner = new Thread(() -> {
      CallClock clock = timer.clock();
      clock.enter(TimeUnit.MILLISECONDS.toNanos(100), true, null);
      try {
        Thread.sleep(20_000);
        interrupted.set(false);
      } catch (InterruptedException expected) {
        interrupted.set(true);
      }
      clock.exit();
    });
    owner.start();
    owner.join(TimeUnit.SECONDS.toMillis(30));
    assertEquals(Boolean.TRUE, interrupted.get(), "the arm started a timer thread that interrupted the call");
  }

  /**
   * A sweep that let the last clock go planned its next wake from before it (the sweeps' pace), so
   * an idle timer lingering far longer missed an arm due after that planned wake: the interrupt
   * came up to the linger (10 s) late. With nothing left to watch, no wake is planned.
   */
  @Test
  void aSweepThatLetsTheLastClockGoPlansNoWake() {
    dev.warden.runtime.FakeTime time = new dev.warden.runtime.FakeTime();
    TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);
    CallClock clock = timer.clock();
    clock.enter(TimeUnit.MILLISECONDS.toNanos(50), true, null);
    clock.exit();
    timer.scanOnce();
    assertEquals(1, timer.listedClocks(), "the armed clock was handed to the timer");
    for (int sweep = 0; sweep < TimeoutTimer.DROP_AFTER && timer.listedClocks() > 0; sweep++) {
      time.advanceMillis(50);
      timer.scanOnce();
    }
    assertEquals(0, timer.listedClocks());
    assertTrue(timer.plannedWake() - time.peek() > HOUR, "a wake is planned though nothing is watched");
  }

  /** D4: tasks cancelled after scheduling stayed on the inbound stack until the timer woke for a far deadline. */
  @Test
  void cancelledTasksAreDroppedWithoutWaitingForAFarDeadline() throws Exception {
    TimeoutTimer timer = new TimeoutTimer(TimeSource.SYSTEM, Runnable::run, true);
    timer.schedule(new Task(System.nanoTime() + HOUR));
    awaitThread(timer);
    // until the timer sleeps for the hour: only the scheduled tasks themselves can wake it then
    long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (timer.plannedWake() - System.nanoTime() < HOUR / 2 && System.nanoTime() < settle) {
      Thread.sleep(10);
    }
    assertTrue(timer.plannedWake() - System.nanoTime() > HOUR / 2, "the timer plans to sleep for the hour");
    for (int i = 0; i < 50_000; i++) {
      Task task = new Task(System.nanoTime() + HOUR);
      timer.schedule(task);
      task.cancel();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int kept;
    while ((kept = inbound(timer)) >= TimeoutTimer.DRAIN_EVERY && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(kept < TimeoutTimer.DRAIN_EVERY, kept + " cancelled tasks still held");
  }

  private static int inbound(TimeoutTimer timer) throws Exception {
    Field field = TimeoutTimer.class.getDeclaredField("inboundTasks");
    field.setAccessible(true);
    @SuppressWarnings("unchecked")
    AtomicReference<AsyncDeadline> head = (AtomicReference<AsyncDeadline>) field.get(timer);
    int count = 0;
    for (AsyncDeadline t = head.get(); t != null; t = t.nextInbound) {
      count++;
    }
    return count;
  }
}
