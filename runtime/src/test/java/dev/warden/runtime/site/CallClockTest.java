package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clock's state machine driven by hand: the owner is this test thread, the timer sweeps on a
 * fake clock when the test says so ({@link TimeoutTimer#scanOnce()}), so each interleaving of the
 * interrupt race is one fixed sequence. The fake clock starts one second before the {@code
 * nanoTime} wrap, so the 2 s deadlines below wrap too.
 */
class CallClockTest {

  private static final long MS = 1_000_000L;

  private final FakeTime time = new FakeTime();
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);
  private CallClock clock;

  @BeforeEach
  void clearFlag() {
    Thread.interrupted();
    clock = timer.clock();
  }

  @AfterEach
  void clearFlagAfter() {
    Thread.interrupted();
  }

  private static boolean flag() {
    return Thread.currentThread().isInterrupted();
  }

  @Test
  void oneClockPerThreadAndTimer() throws Exception {
    assertSame(clock, timer.clock());
    CallClock[] other = new CallClock[1];
    Thread thread = new Thread(() -> other[0] = timer.clock());
    thread.start();
    thread.join();
    assertTrue(other[0] != clock);
    assertTrue(new TimeoutTimer(time, Runnable::run, false).clock() != clock);
  }

  @Test
  void enterKeepsTheInnerPermitAndTheStartOfTheTopFrame() {
    long start = time.peek();
    assertSame(clock, clock.enter(10 * MS, true, "outer"));
    time.advance(3);
    clock.enter(10 * MS, false, "inner");
    assertEquals("inner", clock.inner());
    assertEquals(start + 3, clock.startNanos());
    clock.exit();
    assertEquals("outer", clock.inner());
    assertEquals(start, clock.startNanos());
    clock.exit();
  }

  @Test
  void exitWithoutEnterIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, clock::exit);
    assertEquals("CallClock.exit() without a matching enter()", e.getMessage());
  }

  /** Never early: one nanosecond before the deadline nothing happens; at the deadline the timer fires. */
  @Test
  void neverFiresEarly() {
    clock.enter(2_000 * MS, true, null); // the deadline wraps past Long.MAX_VALUE
    time.advance(2_000 * MS - 1);
    timer.scanOnce();
    assertFalse(flag());
    time.advance(1);
    timer.scanOnce();
    assertTrue(flag());
    assertTrue(clock.exit());
    assertFalse(flag());
  }

  /** (a) The timer fires between the end of the body and the disarm: a timeout, the flag cleared by exit. */
  @Test
  void firedBeforeTheDisarmIsATimeoutWithTheFlagCleared() {
    clock.enter(10 * MS, true, null);
    time.advance(10 * MS);
    timer.scanOnce();
    assertTrue(flag(), "interrupted at the deadline");
    assertTrue(clock.exit());
    assertFalse(flag(), "Warden's interrupt does not outlive the call");
  }

  /** (b) Disarmed first: the timer's compare-and-set on the arm it saw fails, now and after later arms. */
  @Test
  void aTimerThatSawTheArmBeforeTheDisarmCannotFireIt() {
    clock.enter(10 * MS, true, null);
    long seen = clock.state(); // what a sweep read before the owner disarmed
    time.advance(10 * MS - 1);
    assertFalse(clock.exit(), "ended before the deadline");
    time.advance(1);
    assertFalse(clock.fire(seen, TimeoutTimer.FiringHook.NONE));
    clock.enter(1, true, null); // the next call, already past its deadline
    time.advance(1);
    assertFalse(clock.fire(seen, TimeoutTimer.FiringHook.NONE), "a stale arm never fires a later call");
    assertFalse(flag());
    timer.scanOnce();
    assertTrue(flag());
    assertTrue(clock.exit());
    assertFalse(flag());
  }

  /** (b) A call that ended before its deadline is never interrupted, however late the timer sweeps. */
  @Test
  void endedBeforeTheDeadlineIsNeverInterrupted() {
    clock.enter(10 * MS, true, null);
    timer.scanOnce();
    time.advance(10 * MS - 1);
    assertFalse(clock.exit());
    time.advance(10 * MS);
    timer.scanOnce();
    assertFalse(flag());
  }

  /** (d) An interrupt pending at the deadline is not Warden's: left set after the timeout. */
  @Test
  void anInterruptFoundPendingIsLeftAlone() {
    clock.enter(10 * MS, true, null);
    Thread.currentThread().interrupt();
    time.advance(10 * MS);
    timer.scanOnce();
    assertTrue(clock.exit());
    assertTrue(Thread.interrupted(), "the caller's own interrupt is kept");
  }

  /** (e) Ended after the deadline but before the timer swept: a timeout without interrupt; the sweep then does nothing. */
  @Test
  void endedAfterTheDeadlineBeforeTheSweepIsATimeoutWithoutInterrupt() {
    clock.enter(10 * MS, true, null);
    time.advance(10 * MS);
    assertTrue(clock.exit());
    assertFalse(flag());
    timer.scanOnce();
    assertFalse(flag());
  }

  /** Without interrupt the clock alone decides, and the timer never hears of the call. */
  @Test
  void withoutInterruptTheTimerIsNotInvolved() {
    clock.enter(10 * MS, false, null);
    time.advance(10 * MS - 1);
    assertFalse(clock.exit());
    clock.enter(10 * MS, false, null);
    time.advance(10 * MS);
    timer.scanOnce();
    assertFalse(flag());
    assertTrue(clock.exit());
    assertEquals(0, timer.listedClocks());
  }

  /** (f) An inner call with an earlier deadline fires: inner timeout, flag cleared; the outer still succeeds. */
  @Test
  void nestedInnerEarlierFiresForTheInnerOnly() {
    clock.enter(100 * MS, true, "outer");
    clock.enter(10 * MS, true, "inner");
    time.advance(10 * MS);
    timer.scanOnce();
    assertTrue(flag());
    assertTrue(clock.exit());
    assertFalse(flag());
    time.advance(89 * MS);
    timer.scanOnce();
    assertFalse(flag(), "the outer deadline is not reached");
    assertFalse(clock.exit());
  }

  /** (f) The outer deadline fires during an inner call: the inner is judged by its own clock and leaves the flag to the outer. */
  @Test
  void nestedOuterFiresDuringTheInner() {
    clock.enter(10 * MS, true, "outer");
    clock.enter(100 * MS, true, "inner");
    time.advance(10 * MS);
    timer.scanOnce();
    assertTrue(flag());
    assertFalse(clock.exit(), "the inner call did not reach its own deadline");
    assertTrue(flag(), "the interrupt belongs to the outer call");
    assertTrue(clock.exit());
    assertFalse(flag());
  }

  /** (f) The outer fires, the inner ignores the interrupt and overruns too: both time out, one interrupt, cleared by the outer. */
  @Test
  void nestedBothOverrunTheFlagIsClearedByTheOuterOnly() {
    clock.enter(10 * MS, true, "outer");
    clock.enter(20 * MS, true, "inner");
    time.advance(10 * MS);
    timer.scanOnce();
    assertTrue(flag());
    Thread.interrupted(); // had the timer interrupted again, the flag would be set below
    time.advance(10 * MS);
    timer.scanOnce();
    assertFalse(flag(), "one interrupt per fired deadline");
    Thread.currentThread().interrupt();
    assertTrue(clock.exit());
    assertTrue(flag(), "the inner exit leaves the flag alone");
    assertTrue(clock.exit());
    assertFalse(flag());
  }

  /** (f) An inner call that took the armed slot over gives it back: the outer deadline still fires. */
  @Test
  void nestedInnerGivesTheSlotBackToTheOuter() {
    clock.enter(20 * MS, true, "outer");
    clock.enter(10 * MS, true, "inner");
    time.advance(5 * MS);
    assertFalse(clock.exit());
    time.advance(15 * MS - 1);
    timer.scanOnce();
    assertFalse(flag());
    time.advance(1);
    timer.scanOnce();
    assertTrue(flag());
    assertTrue(clock.exit());
    assertFalse(flag());
  }

  /** (f) An inner call without interrupt, or with a later deadline, does not disturb the armed outer one. */
  @Test
  void nestedInnerLaterOrUninterruptedLeavesTheOuterArmed() {
    clock.enter(10 * MS, true, "outer");
    clock.enter(5 * MS, false, "uninterrupted");
    clock.enter(50 * MS, true, "later");
    time.advance(5 * MS);
    assertFalse(clock.exit());
    assertTrue(clock.exit(), "the uninterrupted inner reached its own deadline");
    assertFalse(flag());
    time.advance(5 * MS);
    timer.scanOnce();
    assertTrue(flag());
    assertTrue(clock.exit());
    assertFalse(flag());
  }

  /** Deep nesting grows the frames; each level unwinds in order. */
  @Test
  void deepNestingUnwindsInOrder() {
    int levels = 40;
    for (int i = 0; i < levels; i++) {
      clock.enter((levels - i) * MS, true, i);
    }
    time.advance(1 * MS);
    timer.scanOnce();
    assertTrue(flag(), "the innermost, earliest deadline fired");
    for (int i = levels - 1; i >= 0; i--) {
      assertEquals(i, clock.inner());
      assertEquals(i == levels - 1, clock.exit(), "level " + i);
      assertFalse(flag());
    }
  }

  /** The timer parks until the earliest armed deadline, or not at all while nothing is listed. */
  @Test
  void theTimerPlansItsWakeAtTheEarliestDeadline() {
    timer.scanOnce();
    long now = time.peek();
    assertTrue(timer.plannedWake() - now >= Long.MAX_VALUE / 4, "nothing listed: no tick");
    clock.enter(10 * MS, true, null);
    timer.scanOnce();
    assertEquals(now + 10 * MS, timer.plannedWake());
    clock.exit();
    timer.scanOnce();
    assertEquals(now + 10 * MS, timer.plannedWake(), "idle but listed: one pace (the shortest timeout) later");
  }

  /**
   * Registration: a clock idle on {@value TimeoutTimer#DROP_AFTER} sweeps in a row is let go (so
   * dead threads' clocks are not kept), and listed again when it is next armed.
   */
  @Test
  void idleClocksAreLetGoAndListedAgainWhenArmed() {
    clock.enter(10 * MS, true, null);
    timer.scanOnce();
    assertEquals(1, timer.listedClocks());
    clock.exit();
    for (int sweep = 1; sweep < TimeoutTimer.DROP_AFTER; sweep++) {
      timer.scanOnce();
      assertEquals(1, timer.listedClocks(), "sweep " + sweep);
    }
    timer.scanOnce();
    assertEquals(0, timer.listedClocks());
    timer.scanOnce();
    assertTrue(timer.plannedWake() - time.peek() >= Long.MAX_VALUE / 4, "nothing listed: no tick");

    clock.enter(10 * MS, true, null);
    timer.scanOnce();
    assertEquals(1, timer.listedClocks());
    time.advance(10 * MS);
    timer.scanOnce();
    assertTrue(clock.exit());
    assertFalse(flag());
  }
}
