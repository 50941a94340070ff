package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.Warden;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Defects 1 and 2: a default interface method woven by the agent. Its woven body guards every
 * execution of itself, except one that runs within a call a generated wrapper has already guarded
 * (the wrapper marks that call on its thread around the delegate or {@code super} call). The
 * wrapper of a woven default method uses the woven body's own site.
 */
class WovenDefaultMethodTest {

  interface Greeter {
    @CountCalls(name = "woven-default.greet")
    default String greet(String name) {
      return "Hello, " + name;
    }

    @Throttled(callsPerSecond = -1)
    default String misconfigured() {
      return "never";
    }
  }

  private static final String GREETER = Greeter.class.getName();

  private static GuardSite wovenGreet() {
    WovenMethods.markWoven(GREETER, "greet", "(Ljava/lang/String;)Ljava/lang/String;");
    return WovenSites.site(WovenSites.register(GREETER, "greet", "(Ljava/lang/String;)Ljava/lang/String;"), Greeter.class);
  }

  /** Defect 2: the body guards each execution of itself that no wrapper has guarded, whoever the receiver. */
  @Test
  void theWovenBodyGuardsUnlessItsWrapperMarkedTheCall() throws Exception {
    GuardSite body = wovenGreet();
    assertSame(body, body.forWovenDefaultBody());
    Object outer = body.beginGuardedCall();
    try {
      assertNotSame(body, body.forWovenDefaultBody());
      assertSame(GuardSite.ADMITTED, body.forWovenDefaultBody().enter());
    } finally {
      body.endGuardedCall(outer);
    }
    assertSame(body, body.forWovenDefaultBody());
    CallStats stats = Warden.callStats("woven-default.greet").orElseThrow();
    long before = stats.calls();
    Protocol.call(body.forWovenDefaultBody(), () -> "x");
    assertEquals(before + 1, stats.calls());
  }

  /** Defects 1 and 2: the generated wrapper of a woven default method guards with the woven body's site. */
  @Test
  void theWrapperOfAWovenDefaultMethodSharesTheWovenSite() {
    GuardSite body = wovenGreet();
    assertSame(body, GuardSite.forGeneratedOverride(MethodHandles.lookup(), Greeter.class, "greet", String.class));
  }

  /** A mark is restored, not cleared: a nested wrapped call of another method leaves the outer mark in place. */
  @Test
  void marksNest() {
    GuardSite body = wovenGreet();
    Object outer = body.beginGuardedCall();
    GuardSite other = GuardSite.forMethod(Greeter.class, "greet", String.class);
    Object inner = other.beginGuardedCall();
    other.endGuardedCall(inner);
    assertNotSame(body, body.forWovenDefaultBody());
    body.endGuardedCall(outer);
    assertSame(body, body.forWovenDefaultBody());
  }

  /** The wrapper of a misconfigured woven default method does not log its error again (the agent did). */
  @Test
  void aMisconfiguredWovenDefaultMethodIsLoggedByTheAgentOnly() {
    WovenMethods.markWoven(GREETER, "misconfigured", "()Ljava/lang/String;");
    try (CapturedLog log = new CapturedLog()) {
      GuardSite.forGeneratedOverride(MethodHandles.lookup(), Greeter.class, "misconfigured");
      assertEquals(List.of(), log.messages(Level.SEVERE, GREETER + "#misconfigured"));
    }
  }
}
