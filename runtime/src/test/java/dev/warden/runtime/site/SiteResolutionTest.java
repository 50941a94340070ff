package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which annotations apply to a method, under which name, and what shared names do. */
class SiteResolutionTest {

  @CountCalls
  @Throttled(callsPerSecond = 100, burst = 7)
  static class TypeLevel {
    public void publicMethod() {}

    void packageMethod() {}

    protected void protectedMethod() {}

    public static void staticMethod() {}

    @Throttled(callsPerSecond = 3, burst = 2)
    @Breaker(failureThreshold = 4)
    public void ownThrottled() {}

    @CountCalls(name = "resolution.own.count")
    public void ownName() {}
  }

  static class Shared {
    @Throttled(name = "resolution.shared.bucket", callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
    void first() {}

    @Throttled(name = "resolution.shared.bucket", callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
    void second() {}

    @Throttled(name = "resolution.conflict", callsPerSecond = 5)
    void conflictFirst() {}

    @Throttled(name = "resolution.conflict", callsPerSecond = 7)
    void conflictSecond() {}

    @CountCalls
    void overloaded() {}

    @CountCalls
    void overloaded(int x) {}

    @CountCalls
    void countedOnly() {}
  }

  static class Invalid {
    @Throttled(callsPerSecond = 0) void rateZero() {}
    @Throttled(callsPerSecond = -2.5) void rateNegative() {}
    @Throttled(callsPerSecond = Double.NaN) void rateNaN() {}
    @Throttled(callsPerSecond = Double.POSITIVE_INFINITY) void rateInfinite() {}
    @Throttled(callsPerSecond = 1, burst = 0) void burstZero() {}
    @Throttled(callsPerSecond = 1, maxWaitMillis = -1) void maxWaitNegative() {}
    @Breaker(failureThreshold = 0) void thresholdZero() {}
    @Breaker(cooldownMillis = -3) void cooldownNegative() {}
    @Breaker(halfOpenCalls = 0) void halfOpenZero() {}
  }

  static class Misconfigured {
    @CountCalls
    @Breaker
    @Throttled(callsPerSecond = 1, fallback = "missing")
    void badThrottleFallback() {}
  }

  /** A {@code CompletionStage} Warden cannot create (no public no-argument constructor). */
  static class Stage<T> extends java.util.concurrent.CompletableFuture<T> {
    Stage(int ignored) {}
  }

  /** Creatable: public, concrete, public no-argument constructor. */
  public static class Creatable<T> extends java.util.concurrent.CompletableFuture<T> {
    public Creatable() {}
  }

  static class AsyncReturns {
    @CountCalls(name = "resolution.async.stage")
    java.util.concurrent.CompletionStage<String> stage() {
      return null;
    }

    @CountCalls(name = "resolution.async.future")
    java.util.concurrent.CompletableFuture<String> future() {
      return null;
    }

    @CountCalls(name = "resolution.async.creatable")
    Creatable<String> creatable() {
      return null;
    }

    @CountCalls(name = "resolution.async.uncreatable")
    Stage<String> uncreatable() {
      return null;
    }
  }

  private static String name(Class<?> type, String method) {
    return type.getName() + "#" + method;
  }

  @Test
  void defaultNameIsTheBinaryClassNameAndMethod() {
    GuardSite site = GuardSite.forMethod(TypeLevel.class, "publicMethod");
    String expected = "dev.warden.runtime.site.SiteResolutionTest$TypeLevel#publicMethod";
    assertEquals(expected, site.method());
    assertTrue(Warden.callStats(expected).isPresent());
    assertTrue(Warden.rateLimiter(expected).isPresent());
  }

  @Test
  void typeAnnotationsApplyToPublicNonStaticMethodsOnly() {
    for (String method : List.of("packageMethod", "protectedMethod", "staticMethod")) {
      GuardSite.forMethod(TypeLevel.class, method);
      assertFalse(Warden.callStats(name(TypeLevel.class, method)).isPresent(), method);
      assertFalse(Warden.rateLimiter(name(TypeLevel.class, method)).isPresent(), method);
    }
  }

  @Test
  void aMethodsOwnAnnotationReplacesTheTypesOfTheSameKind() {
    GuardSite.forMethod(TypeLevel.class, "ownThrottled");
    String name = name(TypeLevel.class, "ownThrottled");
    RateLimiter limiter = Warden.rateLimiter(name).orElseThrow();
    assertEquals(3, limiter.config().callsPerSecond());
    assertEquals(2, limiter.config().burst());
    assertEquals(4, Warden.breaker(name).orElseThrow().config().failureThreshold());
    assertTrue(Warden.callStats(name).isPresent(), "the type's @CountCalls still applies");

    GuardSite.forMethod(TypeLevel.class, "ownName");
    assertTrue(Warden.callStats("resolution.own.count").isPresent());
    assertFalse(Warden.callStats(name(TypeLevel.class, "ownName")).isPresent());
    assertEquals(7, Warden.rateLimiter(name(TypeLevel.class, "ownName")).orElseThrow().config().burst());
  }

  @Test
  void methodsSharingAnExplicitNameShareOneGuard() throws Exception {
    GuardSite first = GuardSite.forMethod(Shared.class, "first");
    GuardSite second = GuardSite.forMethod(Shared.class, "second");
    Protocol.call(first, () -> null);
    Protocol.call(second, () -> null);
    assertThrows(ThrottledException.class, () -> Protocol.call(first, () -> null), "one bucket of two");
    assertEquals(Warden.rateLimiter("resolution.shared.bucket").orElseThrow().name(), "resolution.shared.bucket");
  }

  @Test
  void overloadsShareTheDefaultName() throws Exception {
    GuardSite none = GuardSite.forMethod(Shared.class, "overloaded");
    GuardSite one = GuardSite.forMethod(Shared.class, "overloaded", int.class);
    Protocol.call(none, () -> null);
    Protocol.call(one, () -> null);
    assertEquals(2, Warden.callStats(name(Shared.class, "overloaded")).orElseThrow().calls());
  }

  @Test
  void conflictingConfigurationKeepsTheFirstAndWarnsNamingBoth() {
    try (CapturedLog log = new CapturedLog()) {
      GuardSite.forMethod(Shared.class, "conflictFirst");
      GuardSite.forMethod(Shared.class, "conflictSecond");
      RateLimiter limiter = Warden.rateLimiter("resolution.conflict").orElseThrow();
      assertEquals(5, limiter.config().callsPerSecond());
      List<String> warnings = log.messages(Level.WARNING, "resolution.conflict");
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains(name(Shared.class, "conflictFirst"))
          && warnings.get(0).contains(name(Shared.class, "conflictSecond")), warnings.get(0));
    }
  }

  @Test
  void anOverrideForAKindTheMethodDoesNotDeclareIsReportedNotSilentlyIgnored() {
    String key = "warden." + name(Shared.class, "countedOnly") + ".callsPerSecond";
    System.setProperty(key, "7");
    try (CapturedLog log = new CapturedLog()) {
      GuardSite.forMethod(Shared.class, "countedOnly");
      List<String> warnings = log.messages(Level.WARNING, key + "=7 has no effect");
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("no @Throttled guard"), warnings.get(0));
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void sharingAGuardFromASecondSiteOfTheSameMethodIsNoConflict() {
    try (CapturedLog log = new CapturedLog()) {
      GuardSite.forMethod(Shared.class, "first");
      GuardSite.forMethod(Shared.class, "first");
      assertEquals(List.of(), log.messages(Level.WARNING, "resolution.shared.bucket"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "rateZero,         @Throttled, callsPerSecond,   0.0",
    "rateNegative,     @Throttled, callsPerSecond,   -2.5",
    "rateNaN,          @Throttled, callsPerSecond,   NaN",
    "rateInfinite,     @Throttled, callsPerSecond,   Infinity",
    "burstZero,        @Throttled, burst,            0",
    "maxWaitNegative,  @Throttled, maxWaitMillis,    -1",
    "thresholdZero,    @Breaker,   failureThreshold, 0",
    "cooldownNegative, @Breaker,   cooldownMillis,   -3",
    "halfOpenZero,     @Breaker,   halfOpenCalls,    0",
  })
  void invalidAnnotationValuesAreRejectedNamingAttributeAndValue(
      String method, String annotation, String attribute, String value) {
    GuardSite site = GuardSite.forMethod(Invalid.class, method);
    ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
    assertEquals(attribute, e.attribute());
    assertEquals(value, e.value());
    assertTrue(e.getMessage().contains(annotation + "(" + attribute + "=" + value + ")"), e.getMessage());
    assertTrue(e.getMessage().contains(name(Invalid.class, method)), e.getMessage());
    assertFalse(Warden.names().contains(name(Invalid.class, method)), "no guard for a bad configuration");
  }

  @Test
  void anUnknownMethodIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GuardSite.forMethod(Shared.class, "absent", String.class));
    assertTrue(e.getMessage().contains("absent") && e.getMessage().contains(Shared.class.getName()), e.getMessage());
  }

  /** Everything is checked before anything is registered: no stats, breaker or JMX bean of a misconfigured method. */
  @Test
  void aMisconfiguredMethodRegistersNoGuard() throws Exception {
    String name = name(Misconfigured.class, "badThrottleFallback");
    GuardSite site = GuardSite.forMethod(Misconfigured.class, "badThrottleFallback");
    ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
    assertEquals("fallback", e.attribute());
    assertFalse(Warden.names().contains(name), Warden.names().toString());
    javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
    assertEquals(Set.of(), server.queryNames(
        new javax.management.ObjectName("dev.warden:name=" + javax.management.ObjectName.quote(name) + ",*"), null));
  }

  /** Defect 11 (rule part): an asynchronous return type Warden cannot create is an error naming method and type. */
  @Test
  void anUncreatableCompletionStageTypeIsAnError() {
    for (String method : List.of("stage", "future", "creatable")) {
      GuardSite.forMethod(AsyncReturns.class, method);
      assertTrue(Warden.callStats("resolution.async." + method).isPresent(), method);
    }
    ConfigurationException e =
        assertThrows(ConfigurationException.class, GuardSite.forMethod(AsyncReturns.class, "uncreatable")::enter);
    assertEquals("Invalid return type of " + name(AsyncReturns.class, "uncreatable") + ": " + Stage.class.getName()
        + " is a CompletionStage Warden cannot create; a guarded method may return CompletionStage,"
        + " CompletableFuture or a non-abstract subclass of CompletableFuture with a public no-argument constructor",
        e.getMessage());
    assertFalse(Warden.callStats("resolution.async.uncreatable").isPresent());
  }

  @Test
  void aMethodWithoutAnnotationsGetsASiteThatGuardsNothing() throws Exception {
    GuardSite site = GuardSite.forMethod(SiteResolutionTest.class, "name", Class.class, String.class);
    assertSame(GuardSite.ADMITTED, site.enter());
    assertEquals("x", Protocol.call(site, () -> "x"));
  }
}
