package dev.warden.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The meters of a group (a breaker's three states, the four latency gauges) share one reading per
 * scrape. The "guard" here is an {@link AtomicInteger} whose reading is its value at the time read,
 * and every read is counted.
 */
class SharedReadingTest {

  private final MockClock clock = new MockClock();
  private final Map<String, AtomicInteger> guards = new HashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final SharedReading<AtomicInteger, Integer> shared = new SharedReading<>("g",
      name -> Optional.ofNullable(guards.get(name)), guard -> {
        reads.incrementAndGet();
        return guard.get();
      }, clock);
  private final SharedReading.Member<Integer> first = shared.member(v -> v);
  private final SharedReading.Member<Integer> second = shared.member(v -> 10 * v);

  @Test
  void aScrapeReadsTheGuardOnceAndItsMetersAgree() {
    AtomicInteger guard = new AtomicInteger(1);
    guards.put("g", guard);
    assertEquals(1, first.gauge());
    guard.set(2); // a change between two meters of one scrape
    assertEquals(10, second.gauge(), "the reading the first meter was served");
    assertEquals(1, reads.get());

    assertEquals(2, first.gauge(), "read again: a new scrape, a new reading");
    assertEquals(20, second.gauge());
    assertEquals(2, reads.get());
  }

  @Test
  void aMeterReadOnItsOwnIsAtMostTheMaximumAgeBehind() {
    AtomicInteger guard = new AtomicInteger(1);
    guards.put("g", guard);
    assertEquals(1, first.gauge());
    guard.set(2);
    clock.add(Duration.ofNanos(SharedReading.MAX_AGE_NANOS));
    assertEquals(10, second.gauge(), "exactly the maximum age: still served");
    assertEquals(2, first.gauge());
    guard.set(3);
    clock.add(Duration.ofNanos(SharedReading.MAX_AGE_NANOS + 1));
    assertEquals(30, second.gauge(), "older than that: read anew");
    assertEquals(3, reads.get());
  }

  @Test
  void anotherGuardOfTheNameIsReadAtOnce() {
    guards.put("g", new AtomicInteger(1));
    assertEquals(1, first.gauge());
    guards.put("g", new AtomicInteger(5)); // a redeploy
    assertEquals(50, second.gauge());
    assertEquals(2, reads.get());
  }

  @Test
  void withoutAGuardEveryMeterReadsNaN() {
    assertTrue(Double.isNaN(first.gauge()));
    assertTrue(Double.isNaN(second.gauge()));
    assertEquals(0, reads.get());
  }
}
