package dev.warden.runtime;

import static dev.warden.runtime.CircuitBreaker.State.CLOSED;
import static dev.warden.runtime.CircuitBreaker.State.HALF_OPEN;
import static dev.warden.runtime.CircuitBreaker.State.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Regression tests of the breaker's trial accounting, simple API, listeners and cooldown. */
class CircuitBreakerDefectsTest {

  private static final long COOLDOWN_MS = 1_000;
  private static final long COOLDOWN_NS = COOLDOWN_MS * 1_000_000L;
  private static final List<Class<? extends Throwable>> IO = List.of(IOException.class);
  private static final List<Class<? extends Throwable>> NOT_FOUND = List.of(FileNotFoundException.class);

  /**
   * Defect 6: a trial admitted in an earlier half-open period and still running counts against
   * the trial slots of the next one (cooldown 0, two trial slots: never three trials at once).
   */
  @Test
  void trialsOfAnEarlierHalfOpenPeriodStillHoldTheirSlots() {
    FakeTime time = new FakeTime();
    CircuitBreaker breaker =
        CircuitBreaker.create("cb", new CircuitBreakerConfig(1, 0, 2, IO, List.of()), time);
    breaker.onFailure(breaker.tryAcquirePermit(), new IOException());
    assertEquals(HALF_OPEN, breaker.state());
    var first = breaker.tryAcquirePermit();
    var second = breaker.tryAcquirePermit();
    assertNotNull(first);
    assertNotNull(second);
    breaker.onFailure(first, new IOException()); // reopens; cooldown 0: half-open again at once
    assertEquals(HALF_OPEN, breaker.state());
    var third = breaker.tryAcquirePermit();
    assertNotNull(third, "one slot is free: the second trial still runs");
    assertNull(breaker.tryAcquirePermit(), "the second and third trials hold both slots");
    breaker.releasePermit(second);
    assertNotNull(breaker.tryAcquirePermit(), "the second trial's slot is free again");
    assertNull(breaker.tryAcquirePermit());
  }

  /**
   * Defect 6, with threads: trials that fail reopen the circuit and, with cooldown 0, start a new
   * half-open period at once; however many threads ask, never more than two trials run at once
   * and no slot is leaked.
   */
  @Test
  void manyThreadsNeverRunMoreTrialsThanSlots() throws InterruptedException {
    FakeTime time = new FakeTime();
    CircuitBreaker breaker = CircuitBreaker.create(
        "cb", new CircuitBreakerConfig(1, 0, 2, List.of(Throwable.class), List.of()), time);
    breaker.onFailure(breaker.tryAcquirePermit(), new IOException());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Concurrently.run(8, index -> {
      for (int i = 0; i < 20_000; i++) {
        var permit = breaker.tryAcquirePermit(); // never closes (no success): every permit is a trial
        if (permit == null) {
          continue;
        }
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        Thread.yield();
        running.decrementAndGet();
        if ((i + index) % 3 == 0) {
          breaker.onFailure(permit, new IOException());
        } else {
          breaker.releasePermit(permit);
        }
      }
    });
    assertTrue(peak.get() <= 2, "at most two trials at once, saw " + peak.get());
    assertEquals(HALF_OPEN, breaker.state());
    assertNotNull(breaker.tryAcquirePermit());
    assertNotNull(breaker.tryAcquirePermit());
    assertNull(breaker.tryAcquirePermit(), "exactly the two slots: none leaked, none extra");
  }

  /**
   * Defect 7: with the simple API an ignored outcome of a trial gives its slot back; before, the
   * breaker stayed half-open and refused every call forever.
   */
  @Test
  void anIgnoredOutcomeOfTheSimpleApiReleasesTheTrialSlot() {
    FakeTime time = new FakeTime();
    CircuitBreaker breaker = CircuitBreaker.create(
        "cb", new CircuitBreakerConfig(1, COOLDOWN_MS, 1, IO, NOT_FOUND), time);
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordFailure(new IOException());
    time.advance(COOLDOWN_NS);
    assertTrue(breaker.tryAcquirePermission(), "the trial");
    breaker.recordFailure(new FileNotFoundException()); // ignored
    assertEquals(HALF_OPEN, breaker.state());
    assertTrue(breaker.tryAcquirePermission(), "the slot was given back");
    breaker.recordFailure(new IllegalStateException()); // matches no failOn entry: not a failure either
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordSuccess();
    assertEquals(CLOSED, breaker.state());
  }

  /** Defect 7: a trial outcome that arrives after another trial reopened the circuit still frees its slot. */
  @Test
  void theSimpleApiFreesTheSlotOfATrialThatEndsAfterTheCircuitReopened() {
    FakeTime time = new FakeTime();
    CircuitBreaker breaker = CircuitBreaker.create(
        "cb", new CircuitBreakerConfig(1, COOLDOWN_MS, 2, IO, List.of()), time);
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordFailure(new IOException());
    time.advance(COOLDOWN_NS);
    assertTrue(breaker.tryAcquirePermission());
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordFailure(new IOException()); // the first trial fails: open again
    assertEquals(OPEN, breaker.state());
    breaker.recordSuccess(); // the second trial ends while open
    time.advance(COOLDOWN_NS);
    assertTrue(breaker.tryAcquirePermission());
    assertTrue(breaker.tryAcquirePermission(), "both slots are free in the new half-open period");
    assertFalse(breaker.tryAcquirePermission());
  }

  /** Defect 7: {@code recordFailure()} is {@code recordFailure(Throwable)} of an untyped failure: {@code failOn} decides. */
  @Test
  void anUntypedFailureCountsOnlyWhereEveryThrowableCounts() {
    FakeTime time = new FakeTime();
    CircuitBreaker onlyIo = CircuitBreaker.create(
        "io", new CircuitBreakerConfig(1, COOLDOWN_MS, 1, IO, List.of()), time);
    assertTrue(onlyIo.tryAcquirePermission());
    onlyIo.recordFailure();
    assertEquals(CLOSED, onlyIo.state(), "failOn names only IOException");
    CircuitBreaker every = CircuitBreaker.create("all", CircuitBreakerConfig.defaults(), time);
    for (int i = 0; i < 5; i++) {
      assertTrue(every.tryAcquirePermission());
      every.recordFailure();
    }
    assertEquals(OPEN, every.state());
  }

  /**
   * Defect 8: a listener that throws an {@link Error} changes neither the outcome nor the
   * transition; the next listener is still told.
   */
  @Test
  void aListenerThrowingAnErrorChangesNothing() {
    FakeTime time = new FakeTime();
    CircuitBreaker breaker = CircuitBreaker.create(
        "cb", new CircuitBreakerConfig(1, COOLDOWN_MS, 1, IO, List.of()), time);
    List<String> told = new ArrayList<>();
    breaker.addListener((b, from, to) -> {
      throw new AssertionError("listener bug");
    });
    breaker.addListener((b, from, to) -> told.add(from + "->" + to));
    var permit = breaker.tryAcquirePermit();
    breaker.onFailure(permit, new IOException());
    assertEquals(OPEN, breaker.state());
    assertEquals(List.of("CLOSED->OPEN"), told);
    time.advance(COOLDOWN_NS);
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordSuccess();
    assertEquals(CLOSED, breaker.state());
    assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), told);
  }

  /**
   * Defect 17: time passing right after the opener's clock read must not shorten the cooldown.
   * The open is seen at the opener's read (if it is already published then) or when the failing
   * call returns; from there the breaker refuses for the whole cooldown, then half-opens.
   */
  @Test
  void closedToOpenKeepsTheFullCooldown() {
    HookedTime time = new HookedTime();
    CircuitBreaker breaker = CircuitBreaker.create(
        "cb", new CircuitBreakerConfig(1, COOLDOWN_MS, 1, IO, List.of()), time);
    var permit = breaker.tryAcquirePermit();
    assertCooldownFromTheActualOpen(time, breaker, () -> breaker.onFailure(permit, new IOException()));
  }

  /** Defect 17: the same for a failed trial (HALF_OPEN to OPEN). */
  @Test
  void halfOpenToOpenKeepsTheFullCooldown() {
    HookedTime time = new HookedTime();
    CircuitBreaker breaker = CircuitBreaker.create(
        "cb", new CircuitBreakerConfig(1, COOLDOWN_MS, 1, IO, List.of()), time);
    breaker.onFailure(breaker.tryAcquirePermit(), new IOException());
    time.advance(COOLDOWN_NS);
    var trial = breaker.tryAcquirePermit();
    assertEquals(HALF_OPEN, breaker.state());
    assertCooldownFromTheActualOpen(time, breaker, () -> breaker.onFailure(trial, new IOException()));
  }

  private static void assertCooldownFromTheActualOpen(HookedTime time, CircuitBreaker breaker, Runnable failing) {
    AtomicLong openSeenAt = new AtomicLong(Long.MIN_VALUE);
    time.afterNextRead(() -> {
      if (breaker.state() == OPEN) {
        openSeenAt.set(time.peek());
      }
      time.advance(COOLDOWN_NS - 1); // the opener is preempted right after its clock read
    });
    failing.run();
    long openedBy = openSeenAt.get() != Long.MIN_VALUE ? openSeenAt.get() : time.peek();
    time.advance(openedBy + COOLDOWN_NS - 1 - time.peek());
    assertEquals(OPEN, breaker.state(), "1 ns before the cooldown since the actual open ends");
    assertNull(breaker.tryAcquirePermit());
    time.advance(1);
    assertEquals(HALF_OPEN, breaker.state());
  }
}
