package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.warden.runtime.Allocations;
import dev.warden.runtime.TimeSource;
import org.junit.jupiter.api.Test;

/**
 * The synchronous success path allocates nothing once the thread has its clock: 100,000 timed
 * calls after warm-up, with and without interrupt, nested too, on a running timer.
 */
class CallClockCostTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void timedCallsAllocateNothing() {
    TimeoutTimer timer = new TimeoutTimer(TimeSource.SYSTEM, Runnable::run, true);
    assertEquals(0, bytesPerCall(timer, true));
    assertEquals(0, bytesPerCall(timer, false));
    assertFalse(Thread.currentThread().isInterrupted());
  }

  private static long bytesPerCall(TimeoutTimer timer, boolean interrupt) {
    int calls = 100_000;
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = Allocations.ofThisThread();
      for (int i = 0; i < calls; i++) {
        call(timer, interrupt);
      }
      least = Math.min(least, Allocations.ofThisThread() - before);
    }
    System.out.printf("CallClock, interrupt=%s: %d bytes for %d nested pairs of timed calls%n", interrupt, least, calls);
    // anything allocated per call is at least 16 bytes; the measurement itself may allocate a few
    return least / calls;
  }

  private static void call(TimeoutTimer timer, boolean interrupt) {
    CallClock clock = timer.clock().enter(10 * SECOND, interrupt, "outer");
    clock.enter(5 * SECOND, interrupt, "inner"); // takes the armed slot over and gives it back
    if (clock.exit() | clock.exit()) {
      throw new AssertionError("timed out");
    }
  }
}
