package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ThreadSafeSetTest {

  @Test
  void addReportsWhetherTheElementWasNew() {
    ThreadSafeSet<String> set = new ThreadSafeSet<>();
    assertTrue(set.add("a"));
    assertFalse(set.add("a"));
    assertTrue(set.contains("a"));
    assertFalse(set.contains("b"));
    assertFalse(set.contains(null));
    assertEquals(1, set.size());
    assertThrows(NullPointerException.class, () -> set.add(null));
  }

  @Test
  void snapshotIsAnImmutableCopy() {
    ThreadSafeSet<Integer> set = new ThreadSafeSet<>();
    set.add(1);
    Set<Integer> snapshot = set.snapshot();
    set.add(2);
    assertEquals(Set.of(1), snapshot);
    assertThrows(UnsupportedOperationException.class, () -> snapshot.add(3));
  }

  @Test
  void exactlyOneWinnerPerElementUnderContention() throws InterruptedException {
    int elements = 20_000;
    ThreadSafeSet<Integer> set = new ThreadSafeSet<>();
    AtomicIntegerArray winners = new AtomicIntegerArray(elements);
    Concurrently.run(8, index -> {
      for (int i = 0; i < elements; i++) {
        int element = (i * 7 + index * 1_031) % elements;
        if (set.add(element)) {
          winners.incrementAndGet(element);
        }
      }
    });
    assertEquals(elements, set.size());
    for (int i = 0; i < elements; i++) {
      assertEquals(1, winners.get(i), "winners of element " + i);
    }
  }
}
