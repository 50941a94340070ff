package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.callsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.it.fixtures.Greeter;
import dev.warden.it.fixtures.GuardedGreeter;
import org.junit.jupiter.api.Test;

/**
 * Defect 1: guarded default interface methods. The processor's {@code GuardedGreeter} guards every
 * call on any delegate; the agent weaves the default bodies and guards the calls that run them.
 * With both, the wrapper guards exactly the calls whose delegate overrides the method (before,
 * it guarded none, so overrides went unguarded). An override that calls {@code Greeter.super}
 * is one call: guarded once by the wrapper, not again by the default body; the agent alone leaves
 * overrides unguarded.
 */
class DefaultMethodsIT {

  private final Mode mode = Mode.current();

  private Greeter guarded(Greeter delegate) {
    return mode.processor() ? new GuardedGreeter(delegate) : delegate;
  }

  @Test
  void eachCallIsGuardedOnceWhetherTheDelegateOverridesTheDefaultMethodOrNot() {
    Greeter plain = guarded(new Greeter.Plain());
    Greeter formal = guarded(new Greeter.Formal());
    assertEquals("Hello, Ann", plain.greet("Ann"));
    assertEquals("Good day, Bob", formal.greet("Bob"));
    assertEquals("Good day, Cy", formal.greet("Cy"));
    // the agent alone guards the default body only: the overriding Formal#greet is not annotated
    assertEquals(mode == Mode.AGENT ? 1 : 3, callsOf(FIXTURES + "Greeter#greet"), "mode " + mode);
  }

  @Test
  void anOverrideCallingTheDefaultBodyIsGuardedOnce() {
    Greeter plain = guarded(new Greeter.Plain());
    Greeter polite = guarded(new Greeter.Polite());
    assertEquals("Goodbye, Ann", plain.farewell("Ann"));
    assertEquals("Goodbye, Bob, and thank you", polite.farewell("Bob"));
    assertEquals("Goodbye, Cy, and thank you", polite.farewell("Cy"));
    assertEquals(mode == Mode.AGENT ? 1 : 3, callsOf(FIXTURES + "Greeter#farewell"), "mode " + mode);
  }
}
