package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.it.fixtures.Inventory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Generic classes, generic and bounded methods, wildcards and varargs keep their types and are guarded. */
class GenericsIT {

  @Test
  void genericAndVarargsMethodsAreGuardedWithTheirTypes() {
    Inventory<String, Integer> inventory = Mode.current().fixtures().inventory();
    inventory.put("apples", 3);
    inventory.put("pears", 7);
    List<Integer> found = inventory.getAll(List.of("apples", "plums", "pears"));
    Optional<Integer> doubled = inventory.maxOf(n -> n * 2);
    Optional<String> longest = inventory.maxOf(n -> "#".repeat(n));
    int counted = inventory.count("apples", "plums");

    assertEquals(List.of(3, 7), found);
    assertEquals(Optional.of(14), doubled);
    assertEquals(Optional.of("#######"), longest);
    assertEquals(1, counted);
    assertEquals(2, stats(FIXTURES + "Inventory#put").calls());
    assertEquals(1, stats(FIXTURES + "Inventory#getAll").calls());
    assertEquals(2, stats(FIXTURES + "Inventory#maxOf").successes());
    assertEquals(1, stats(FIXTURES + "Inventory#count").calls());
  }
}
