package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

class AtomicCounterTest {

  @Test
  void incrementReturnsTheNewValue() {
    AtomicCounter counter = new AtomicCounter();
    assertEquals(0, counter.value());
    assertEquals(1, counter.increment());
    assertEquals(6, counter.increment(5));
    assertEquals(6, counter.increment(0));
    assertEquals(6, counter.value());
    assertEquals("6", counter.toString());
  }

  @Test
  void startsFromAnInitialValue() {
    AtomicCounter counter = new AtomicCounter(41);
    assertEquals(41, counter.value());
    assertEquals(42, counter.increment());
    assertEquals(0, new AtomicCounter().value());
  }

  @Test
  void negativeDeltaIsRejected() {
    AtomicCounter counter = new AtomicCounter();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> counter.increment(-2));
    assertTrue(e.getMessage().contains("-2"), e.getMessage());
    assertEquals(0, counter.value());
  }

  @Test
  void eightThreadsLoseNoIncrementAndEachValueIsReturnedOnce() throws InterruptedException {
    int threads = 8;
    int perThread = 100_000;
    AtomicCounter counter = new AtomicCounter();
    AtomicLongArray seen = new AtomicLongArray(threads * perThread + 1);
    Concurrently.run(threads, index -> {
      for (int i = 0; i < perThread; i++) {
        seen.incrementAndGet((int) counter.increment());
      }
    });
    assertEquals((long) threads * perThread, counter.value());
    for (int v = 1; v < seen.length(); v++) {
      assertEquals(1, seen.get(v), "value " + v);
    }
  }
}
