package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Defect 1: for a default interface method woven by the agent, the generated wrapper and the woven
 * body choose by the receiver's class which of them guards a call, so that it is guarded once:
 * the body if the class runs it, the wrapper if the class overrides the method.
 */
class WovenDefaultMethodTest {

  interface Greeter {
    default String greet(String name) {
      return "Hello, " + name;
    }
  }

  static class Plain implements Greeter {}

  static class Formal implements Greeter {
    @Override
    public String greet(String name) {
      return "Good day, " + name;
    }
  }

  static class FormalChild extends Formal {}

  interface Loud extends Greeter {
    @Override
    default String greet(String name) {
      return "HELLO, " + name;
    }
  }

  static class Shouter implements Loud {}

  private final Method greet = method();
  private final GuardSite guarded = GuardSite.unguarded("guarded");
  private final GuardSite unguarded = GuardSite.unguarded("unguarded");

  private static Method method() {
    try {
      return Greeter.class.getMethod("greet", String.class);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theWrapperGuardsExactlyTheDelegatesWhoseClassOverridesTheMethod() {
    GuardSite wrapper = GuardSite.perReceiverClass("Greeter#greet", WovenMethods.wrapperSites(greet, guarded, unguarded));
    assertSame(unguarded, wrapper.forReceiver(new Plain()));
    assertSame(guarded, wrapper.forReceiver(new Formal()));
    assertSame(guarded, wrapper.forReceiver(new FormalChild()));
    assertSame(guarded, wrapper.forReceiver(new Shouter()));
    assertSame(unguarded, wrapper.forReceiver(new Greeter() {}));
  }

  @Test
  void theWovenBodyGuardsExactlyTheReceiversWhoseClassRunsIt() {
    GuardSite body = GuardSite.perReceiverClass("Greeter#greet", WovenMethods.bodySites(greet, guarded, unguarded));
    assertSame(guarded, body.forReceiver(new Plain()));
    assertSame(unguarded, body.forReceiver(new Formal())); // reached only as Greeter.super.greet() from the override
    assertSame(unguarded, body.forReceiver(new FormalChild()));
    assertSame(unguarded, body.forReceiver(new Shouter()));
  }

  @Test
  void anOrdinarySiteIsItsOwnSiteForEveryReceiver() {
    assertSame(guarded, guarded.forReceiver(new Formal()));
  }
}
