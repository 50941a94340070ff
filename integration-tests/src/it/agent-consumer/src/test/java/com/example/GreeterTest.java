package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import org.junit.jupiter.api.Test;

class GreeterTest {

  @Test
  void agentGuardsThePlainClass() {
    Greeter greeter = new Greeter();
    assertEquals("Hello, Ada", greeter.greet("Ada"));
    assertEquals("Hello, Alan", greeter.greet("Alan"));
    assertThrows(ThrottledException.class, () -> greeter.greet("Grace"));

    CallStats stats = Warden.callStats("com.example.Greeter#greet").orElseThrow();
    assertEquals(3, stats.calls());
    assertEquals(1, stats.rejections());
  }
}
