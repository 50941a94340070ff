package dev.warden.runtime;

import static dev.warden.runtime.CircuitBreaker.State.CLOSED;
import static dev.warden.runtime.CircuitBreaker.State.HALF_OPEN;
import static dev.warden.runtime.CircuitBreaker.State.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deterministic tests of the circuit breaker's state machine on a fake clock. */
class CircuitBreakerTest {

  private static final long COOLDOWN_MS = 1_000;
  private static final long COOLDOWN_NS = COOLDOWN_MS * 1_000_000L;

  private final FakeTime time = new FakeTime();
  private final List<String> transitions = new ArrayList<>();

  private CircuitBreaker breaker(int threshold, int halfOpenCalls) {
    return breaker(new CircuitBreakerConfig(
        threshold, COOLDOWN_MS, halfOpenCalls, List.of(IOException.class, IllegalStateException.class),
        List.of(FileNotFoundException.class)));
  }

  private CircuitBreaker breaker(CircuitBreakerConfig config) {
    CircuitBreaker breaker = CircuitBreaker.create("cb", config, time);
    breaker.addListener((b, from, to) -> transitions.add(from + "->" + to));
    return breaker;
  }

  private static void fail(CircuitBreaker breaker, Throwable failure) {
    CircuitBreaker.Permit permit = breaker.tryAcquirePermit();
    assertNotNull(permit, "expected a permit in " + breaker.state());
    breaker.onFailure(permit, failure);
  }

  private static void succeed(CircuitBreaker breaker) {
    CircuitBreaker.Permit permit = breaker.tryAcquirePermit();
    assertNotNull(permit, "expected a permit in " + breaker.state());
    breaker.onSuccess(permit);
  }

  @Test
  void opensAfterThresholdConsecutiveFailuresAndASuccessResetsTheCount() {
    CircuitBreaker breaker = breaker(3, 1);
    fail(breaker, new IOException());
    fail(breaker, new IOException());
    assertEquals(2, breaker.consecutiveFailures());
    succeed(breaker);
    assertEquals(0, breaker.consecutiveFailures());
    fail(breaker, new IOException());
    fail(breaker, new IOException());
    assertEquals(CLOSED, breaker.state());
    fail(breaker, new IOException());
    assertEquals(OPEN, breaker.state());
    assertNull(breaker.tryAcquirePermit(), "an open circuit refuses calls");
    assertEquals(List.of("CLOSED->OPEN"), transitions);
  }

  @Test
  void cooldownEndsExactlyAtTheBoundary() {
    CircuitBreaker breaker = breaker(1, 1);
    fail(breaker, new IOException());
    time.advance(COOLDOWN_NS - 1);
    assertEquals(OPEN, breaker.state());
    assertNull(breaker.tryAcquirePermit());
    time.advance(1);
    assertEquals(HALF_OPEN, breaker.state());
    assertNotNull(breaker.tryAcquirePermit());
  }

  @Test
  void halfOpenClosesWhenAllTrialsSucceed() {
    CircuitBreaker breaker = breaker(1, 2);
    fail(breaker, new IOException());
    time.advance(COOLDOWN_NS);
    CircuitBreaker.Permit first = breaker.tryAcquirePermit();
    CircuitBreaker.Permit second = breaker.tryAcquirePermit();
    assertNotNull(first);
    assertNotNull(second);
    assertNull(breaker.tryAcquirePermit(), "only halfOpenCalls trials at once");
    breaker.onSuccess(first);
    assertEquals(HALF_OPEN, breaker.state());
    breaker.onSuccess(second);
    assertEquals(CLOSED, breaker.state());
    assertEquals(0, breaker.consecutiveFailures());
    assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), transitions);
  }

  @Test
  void aTrialFailureReopensForANewCooldown() {
    CircuitBreaker breaker = breaker(1, 2);
    fail(breaker, new IOException());
    time.advance(COOLDOWN_NS);
    CircuitBreaker.Permit trial = breaker.tryAcquirePermit();
    CircuitBreaker.Permit other = breaker.tryAcquirePermit();
    time.advance(500_000_000L);
    breaker.onFailure(trial, new IOException());
    assertEquals(OPEN, breaker.state());
    breaker.onSuccess(other);
    assertEquals(OPEN, breaker.state(), "a late success of the old trial does not count");
    time.advance(COOLDOWN_NS - 1);
    assertEquals(OPEN, breaker.state(), "the new cooldown starts at the trial failure");
    time.advance(1);
    assertEquals(HALF_OPEN, breaker.state());
    assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN"), transitions);
  }

  @Test
  void releasedTrialSlotAdmitsAnotherTrial() {
    CircuitBreaker breaker = breaker(1, 1);
    fail(breaker, new IOException());
    time.advance(COOLDOWN_NS);
    CircuitBreaker.Permit trial = breaker.tryAcquirePermit();
    assertNull(breaker.tryAcquirePermit());
    breaker.releasePermit(trial);
    assertEquals(HALF_OPEN, breaker.state());
    succeed(breaker);
    assertEquals(CLOSED, breaker.state());
  }

  @Test
  void onlyMatchingNotIgnoredThrowablesCount() {
    CircuitBreaker breaker = breaker(2, 1);
    fail(breaker, new IOException());
    fail(breaker, new FileNotFoundException("ignored, though an IOException"));
    fail(breaker, new IllegalArgumentException("matches no failOn entry"));
    assertEquals(1, breaker.consecutiveFailures(), "ignored and unmatched throwables change nothing");
    fail(breaker, new IllegalStateException());
    assertEquals(OPEN, breaker.state());
  }

  @Test
  void anIgnoredTrialFailureReleasesTheSlotWithoutReopening() {
    CircuitBreaker breaker = breaker(1, 1);
    fail(breaker, new IOException());
    time.advance(COOLDOWN_NS);
    fail(breaker, new FileNotFoundException());
    assertEquals(HALF_OPEN, breaker.state());
    succeed(breaker);
    assertEquals(CLOSED, breaker.state());
  }

  @Test
  void zeroCooldownHalfOpensOnTheNextCall() {
    CircuitBreaker breaker = breaker(
        new CircuitBreakerConfig(1, 0, 1, List.of(Throwable.class), List.of()));
    fail(breaker, new RuntimeException());
    assertEquals(HALF_OPEN, breaker.state());
  }

  @Test
  void maximalCooldownNeverEnds() {
    CircuitBreaker breaker = breaker(
        new CircuitBreakerConfig(1, Long.MAX_VALUE, 1, List.of(Throwable.class), List.of()));
    fail(breaker, new RuntimeException());
    time.advance(Long.MAX_VALUE - 1);
    assertEquals(OPEN, breaker.state());
    assertNull(breaker.tryAcquirePermit());
  }

  @Test
  void theClosedPathNeverReadsTheClock() {
    CircuitBreaker breaker = breaker(3, 1);
    long reads = time.reads();
    for (int i = 0; i < 1_000; i++) {
      succeed(breaker);
      fail(breaker, new IOException());
    }
    assertEquals(reads, time.reads());
    assertEquals(CLOSED, breaker.state());
  }

  @Test
  void staleClosedPermitCannotOpenANewClosedState() {
    CircuitBreaker breaker = breaker(1, 1);
    CircuitBreaker.Permit stale = breaker.tryAcquirePermit();
    fail(breaker, new IOException());
    time.advance(COOLDOWN_NS);
    succeed(breaker);
    assertEquals(CLOSED, breaker.state());
    breaker.onFailure(stale, new IOException());
    assertEquals(CLOSED, breaker.state(), "the failure belongs to the previous closed period");
  }

  @Test
  void simpleApiFollowsTheSameStateMachine() {
    CircuitBreaker breaker = breaker(2, 1);
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordFailure(new IOException());
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordFailure(new FileNotFoundException());
    assertEquals(1, breaker.consecutiveFailures());
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordFailure(new IOException());
    assertEquals(OPEN, breaker.state());
    assertFalse(breaker.tryAcquirePermission());
    time.advance(COOLDOWN_NS);
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordSuccess();
    assertEquals(CLOSED, breaker.state());
  }

  @Test
  void listenersAreToldOnceAndCanBeRemoved() {
    CircuitBreaker breaker = breaker(1, 1);
    List<String> second = new ArrayList<>();
    BreakerListener listener = (b, from, to) -> second.add(b.name() + ":" + from + "->" + to);
    breaker.addListener(listener);
    breaker.addListener((b, from, to) -> {
      throw new IllegalStateException("a failing listener does not affect the breaker");
    });
    fail(breaker, new IOException());
    assertEquals(List.of("cb:CLOSED->OPEN"), second);
    assertTrue(breaker.removeListener(listener));
    assertFalse(breaker.removeListener(listener));
    time.advance(COOLDOWN_NS);
    assertEquals(HALF_OPEN, breaker.state());
    assertEquals(List.of("cb:CLOSED->OPEN"), second);
    assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN"), transitions);
  }

  @Test
  void foreignPermitIsRejected() {
    CircuitBreaker breaker = breaker(1, 1);
    CircuitBreaker.Permit foreign =
        CircuitBreaker.create("other", CircuitBreakerConfig.defaults(), time).tryAcquirePermit();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> breaker.onSuccess(foreign));
    assertTrue(e.getMessage().contains("'cb'") && e.getMessage().contains("'other'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> breaker.releasePermit(null));
  }
}
