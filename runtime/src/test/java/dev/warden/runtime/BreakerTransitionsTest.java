package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** {@link CircuitBreaker#transitions(CircuitBreaker.State)}: each entry into a state counted exactly once. */
class BreakerTransitionsTest {

  private static final IOException FAILURE = new IOException("stackless", null) {
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  };

  @Test
  void countsEachEntryInOrderAndStartsAtZero() {
    FakeTime time = new FakeTime();
    CircuitBreaker breaker = CircuitBreaker.create("transitions.order",
        new CircuitBreakerConfig(1, 1_000, 1, List.of(Throwable.class), List.of()), time);
    assertCounts(breaker, 0, 0, 0);
    breaker.recordFailure(FAILURE);
    assertCounts(breaker, 0, 1, 0);
    time.advanceMillis(1_000);
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
    assertCounts(breaker, 0, 1, 1);
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordFailure(FAILURE);
    assertCounts(breaker, 0, 2, 1);
    time.advanceMillis(1_000);
    assertTrue(breaker.tryAcquirePermission());
    breaker.recordSuccess();
    assertCounts(breaker, 1, 2, 2);
    assertThrows(NullPointerException.class, () -> breaker.transitions(null));
  }

  /**
   * Threads released together drive a breaker that opens on every failure and is half-open at
   * once (cooldown 0): the counts equal the transitions its listener was told of, state by state,
   * and every opening was followed by exactly one half-open period.
   */
  @Test
  void countsExactlyUnderARace() throws Exception {
    CircuitBreaker breaker = CircuitBreaker.create("transitions.race",
        new CircuitBreakerConfig(1, 0, 1, List.of(Throwable.class), List.of()));
    AtomicLongArray told = new AtomicLongArray(3);
    breaker.addListener((b, from, to) -> told.incrementAndGet(to.ordinal()));
    Logger log = Logger.getLogger("dev.warden");
    Level level = log.getLevel();
    log.setLevel(Level.SEVERE); // thousands of openings: counted here, not logged
    try {
      Concurrently.run(4, thread -> {
        for (int i = 0; i < 20_000; i++) {
          CircuitBreaker.Permit permit = breaker.tryAcquirePermit();
          if (permit == null) {
            continue;
          }
          if ((i + thread) % 3 == 0) {
            breaker.onSuccess(permit);
          } else {
            breaker.onFailure(permit, FAILURE);
          }
        }
      });
    } finally {
      log.setLevel(level);
    }
    CircuitBreaker.State last = breaker.state(); // with cooldown 0 an open breaker is half-open when asked
    for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
      assertEquals(told.get(state.ordinal()), breaker.transitions(state), state.name());
    }
    long opened = breaker.transitions(CircuitBreaker.State.OPEN);
    assertTrue(opened > 1, "the race opened the breaker " + opened + " times");
    assertEquals(opened, breaker.transitions(CircuitBreaker.State.HALF_OPEN), "after " + last);
  }

  private static void assertCounts(CircuitBreaker breaker, long closed, long open, long halfOpen) {
    assertEquals(List.of(closed, open, halfOpen), List.of(breaker.transitions(CircuitBreaker.State.CLOSED),
        breaker.transitions(CircuitBreaker.State.OPEN), breaker.transitions(CircuitBreaker.State.HALF_OPEN)));
  }
}
