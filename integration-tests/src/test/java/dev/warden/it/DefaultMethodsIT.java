package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.callsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.it.fixtures.Greeter;
import dev.warden.it.fixtures.GuardedGreeter;
import dev.warden.it.fixtures.GuardedReception;
import dev.warden.it.fixtures.Reception;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * Guarded default interface methods: each call guarded exactly once in every mode. The processor's
 * wrappers ({@code GuardedGreeter} around any delegate, {@code GuardedReception} extending a class
 * that inherits the defaults) guard every call; the agent's woven default body guards every
 * execution of itself, except within a call a wrapper has already guarded. An override is a
 * method of its own without the annotation: the agent alone cannot guard one that does not run
 * the default body.
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

  /** Defect 2: the default body run as {@code Greeter.super.farewell()} from an override is guarded once in every mode. */
  @Test
  void anOverrideCallingTheDefaultBodyIsGuardedOnce() {
    Greeter plain = guarded(new Greeter.Plain());
    Greeter polite = guarded(new Greeter.Polite());
    assertEquals("Goodbye, Ann", plain.farewell("Ann"));
    assertEquals("Goodbye, Bob, and thank you", polite.farewell("Bob"));
    assertEquals("Goodbye, Cy, and thank you", polite.farewell("Cy"));
    assertEquals(3, callsOf(FIXTURES + "Greeter#farewell"), "mode " + mode);
  }

  /**
   * Defect 2: a JDK proxy whose handler runs the default body ({@code InvocationHandler.invokeDefault},
   * as Spring Data and Retrofit do) is guarded once per call in every mode.
   */
  @Test
  void aProxyRunningTheDefaultBodyIsGuardedOnce() {
    Greeter proxy = (Greeter) Proxy.newProxyInstance(Greeter.class.getClassLoader(), new Class<?>[] {Greeter.class},
        (self, method, args) -> InvocationHandler.invokeDefault(self, method, args));
    Greeter greeter = guarded(proxy);
    assertEquals("Thank you, Ann", greeter.thank("Ann"));
    assertEquals("Thank you, Bob", greeter.thank("Bob"));
    assertEquals(2, callsOf(FIXTURES + "Greeter#thank"), "mode " + mode);
  }

  /**
   * Defect 1: a class wrapper ({@code GuardedReception extends Reception}) guards an inherited
   * default method once in every mode; with the agent it used to guard it not at all.
   */
  @Test
  void aClassWrapperGuardsAnInheritedDefaultMethodOnce() {
    Reception reception = mode.processor() ? new GuardedReception() : new Reception();
    assertEquals("Welcome, Ann", reception.welcome("Ann"));
    assertEquals("Welcome, Bob", reception.welcome("Bob"));
    assertEquals("[Cy]", reception.badge("Cy"));
    assertEquals(2, callsOf(FIXTURES + "Greeter#welcome"), "mode " + mode);
    assertEquals(1, callsOf(FIXTURES + "Reception#badge"), "mode " + mode);
  }
}
