package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.FakeTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The owner's exit racing the timer's fire on real threads; the timer sweeps on the test thread on
 * a fake clock, so which deadlines are due is fixed and only the interleaving varies.
 */
class CallClockRaceTest {

  private static final long MS = 1_000_000L;

  /**
   * (c) The timer has won the clock ({@code FIRING}) and is held before it interrupts: the owner's
   * exit waits for it, then clears the interrupt and reports the timeout. Had exit returned
   * early, the interrupt would land after the call (the owner looks again once the timer is done).
   */
  @Test
  void anOwnerWhoseDisarmLostWaitsForTheInterruptAndClearsIt() throws Exception {
    FakeTime time = new FakeTime();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch exitNow = new CountDownLatch(1);
    CountDownLatch exited = new CountDownLatch(1);
    CountDownLatch timerDone = new CountDownLatch(1);
    AtomicBoolean exitedWhileHeld = new AtomicBoolean();
    TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false, clock -> {
      exitNow.countDown();
      try {
        // the owner is inside exit now; give it ample time to (wrongly) return
        exitedWhileHeld.set(exited.await(100, TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    AtomicReference<Boolean> timedOut = new AtomicReference<>();
    AtomicReference<Boolean> flagAtExit = new AtomicReference<>();
    AtomicReference<Boolean> flagLater = new AtomicReference<>();
    Thread owner = new Thread(() -> {
      CallClock clock = timer.clock();
      clock.enter(10 * MS, true, null);
      entered.countDown();
      try {
        exitNow.await();
        timedOut.set(clock.exit());
        flagAtExit.set(Thread.currentThread().isInterrupted());
        exited.countDown();
        timerDone.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      flagLater.set(Thread.currentThread().isInterrupted());
    });
    owner.start();
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    time.advance(10 * MS);
    timer.scanOnce();
    timerDone.countDown();
    owner.join(10_000);

    assertFalse(exitedWhileHeld.get(), "exit returned while the timer was about to interrupt");
    assertEquals(Boolean.TRUE, timedOut.get());
    assertEquals(Boolean.FALSE, flagAtExit.get());
    assertEquals(Boolean.FALSE, flagLater.get(), "Warden's interrupt outlived the call");
  }

  /**
   * Exit and sweep race on a due deadline, 5,000 times: whichever wins, the call times out, and
   * after both are done the owner's flag is clear. Both interleavings occur (the sweep fires or
   * finds the clock disarmed); each is counted.
   */
  @Test
  void exitRacingTheSweepOnADueDeadline() throws Exception {
    int rounds = 5_000;
    FakeTime time = new FakeTime();
    AtomicInteger fired = new AtomicInteger();
    TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false, clock -> fired.incrementAndGet());
    CyclicBarrier armed = new CyclicBarrier(2);
    CyclicBarrier go = new CyclicBarrier(2);
    CyclicBarrier done = new CyclicBarrier(2);
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread owner = new Thread(() -> {
      try {
        CallClock clock = timer.clock();
        for (int i = 0; i < rounds; i++) {
          clock.enter(1 * MS, true, null);
          armed.await();
          go.await();
          boolean timedOut = clock.exit();
          boolean flagAtExit = Thread.currentThread().isInterrupted();
          done.await(); // the sweep is over
          if (!timedOut || flagAtExit || Thread.interrupted()) {
            failures.incrementAndGet();
          }
        }
      } catch (Throwable t) {
        error.set(t);
      }
    });
    owner.start();
    for (int i = 0; i < rounds; i++) {
      armed.await();
      time.advance(1 * MS);
      go.await();
      timer.scanOnce();
      done.await();
    }
    owner.join(60_000);
    assertEquals(null, error.get());
    assertEquals(0, failures.get(), "timeouts not reported or interrupts left behind");
    System.out.printf("exit vs sweep: the sweep fired %d of %d times%n", fired.get(), rounds);
    assertTrue(fired.get() > 0 && fired.get() < rounds,
        "both orders must have occurred, else the test did not race: the sweep fired " + fired.get() + " times");
  }
}
