package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Timed calls whose clock work fails part-way, and a stage complete when returned: the call still
 * ends exactly once, with its slot given back and no frame or deadline left on the thread's clock.
 */
class TimedCallRobustnessTest {

  static class Fixture {
    @CountCalls(name = "robust.t")
    @Breaker(name = "robust.t", failureThreshold = 1)
    @Bulkhead(name = "robust.t", maxConcurrent = 1)
    @Timeout(name = "robust.t", millis = 100)
    void m() {}

    @CountCalls(name = "robust.async")
    @Timeout(name = "robust.async", millis = 100)
    CompletableFuture<String> async() {
      return null;
    }
  }

  /** Reads {@link FakeTime}; the next read after {@link #failNextRead} throws, as a stack running out would. */
  private static final class FailingTime implements TimeSource {
    final FakeTime fake = new FakeTime();
    boolean failNextRead;
    long stepPerRead;

    @Override
    public long nanoTime() {
      if (failNextRead) {
        failNextRead = false;
        throw new StackOverflowError("simulated: the stack ran out here");
      }
      fake.advance(stepPerRead);
      return fake.nanoTime();
    }

    @Override
    public void parkNanos(long nanos) {
      fake.parkNanos(nanos);
    }
  }

  private final FailingTime time = new FailingTime();
  private final GuardRegistry registry = Registries.create(time.fake);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  /** Review of issue 13, D1: an Error inside exit() left the frame on the clock and the slot taken. */
  @Test
  void anErrorInsideExitEndsTheCallAndLeavesNoSlotAndNoFrame() {
    GuardSite site = Protocol.site(registry, timer, Fixture.class, "m");
    Object permit = site.enter();
    time.failNextRead = true;
    assertThrows(StackOverflowError.class, () -> site.onSuccess(permit));
    assertEquals(1, registry.findBulkhead("robust.t").available(), "slot given back");
    assertEquals(0, registry.findStats("robust.t").inFlight());
    assertEquals(1, registry.findStats("robust.t").failures(), "the call ended with the error");
    assertNoFrame();
  }

  /** Review of issue 13, D1: an Error while the time limit starts leaked the slot taken just before. */
  @Test
  void anErrorInsideEnterAfterTheSlotWasTakenGivesEverythingBack() {
    GuardSite site = Protocol.site(registry, timer, Fixture.class, "m");
    time.failNextRead = true;
    assertThrows(StackOverflowError.class, site::enter);
    assertEquals(1, registry.findBulkhead("robust.t").available(), "slot given back");
    assertEquals(0, registry.findStats("robust.t").inFlight());
    assertEquals(CircuitBreaker.State.CLOSED, registry.findBreaker("robust.t").state(),
        "the body never ran: no breaker failure (threshold 1)");
    assertNoFrame();
    Object permit = site.enter();
    assertFalse(permit instanceof GuardRejectedException, "the next call gets in");
    site.onSuccess(permit);
  }

  /**
   * Review of issue 13, R4: a stage complete when returned before the deadline was judged again
   * when its callback ran, and a deadline passing in between made it a timeout.
   */
  @Test
  void aStageCompleteWhenReturnedInTimeIsASuccessWhenTheDeadlinePassesBeforeItsCallback() throws Exception {
    GuardSite site = Protocol.site(registry, timer, Fixture.class, "async");
    time.stepPerRead = 60_000_000L; // each clock read moves it 60 ms: start 60, exit 120, callback 180 (deadline 160)
    @SuppressWarnings("unchecked")
    CompletableFuture<String> got =
        (CompletableFuture<String>) Protocol.call(site, () -> CompletableFuture.completedFuture("done"));
    assertEquals("done", got.join());
    assertEquals(1, registry.findStats("robust.async").successes());
    assertEquals(0, registry.findTimeout("robust.async").timeouts());
  }

  private void assertNoFrame() {
    assertThrows(IllegalStateException.class, () -> timer.clock().exit(), "a frame was left on the clock");
  }
}
