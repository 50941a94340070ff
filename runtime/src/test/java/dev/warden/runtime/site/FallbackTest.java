package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.ThrottledException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fallbacks run only on rejection, with or without the rejection, static or not; bad ones are errors. */
class FallbackTest {

  /** Never refills within a test: the second call is throttled. */
  static class Service {
    final List<Object> received = new ArrayList<>();

    @Breaker(name = "fallback.breaker.plain", failureThreshold = 1, cooldownMillis = 600_000, fallback = "cached")
    String quote(String symbol, int amount) throws IOException {
      throw new IOException("down");
    }

    String cached(String symbol, int amount) {
      return "cached " + symbol + " " + amount;
    }

    @Throttled(name = "fallback.throttled.static", callsPerSecond = 0.001, maxWaitMillis = 0, fallback = "busy")
    static String ping(String who) {
      return "pong " + who;
    }

    static String busy(String who, ThrottledException rejection) {
      return "busy " + who + " (" + rejection.guardName() + ")";
    }

    @Throttled(name = "fallback.throttled.instance", callsPerSecond = 0.001, maxWaitMillis = 0, fallback = "later")
    @Breaker(name = "fallback.breaker.instance", fallback = "later")
    Object fetch() {
      return "fresh";
    }

    CharSequence later(GuardRejectedException rejection) {
      received.add(rejection);
      return "later";
    }

    @Throttled(name = "fallback.throttled.void", callsPerSecond = 0.001, maxWaitMillis = 0, fallback = "skip")
    void fire() {}

    void skip() {
      received.add("skipped");
    }

    @Breaker(name = "fallback.breaker.own", fallback = "cached")
    String own(String symbol, int amount) throws IOException {
      throw new IOException("mine");
    }

    @Throttled(name = "fallback.throttled.throwing", callsPerSecond = 0.001, maxWaitMillis = 0, fallback = "refuse")
    String throwing() {
      return "ok";
    }

    String refuse() throws IOException {
      throw new IOException("fallback's own");
    }

    @Throttled(callsPerSecond = 1, fallback = "missing")
    String missingFallback() {
      return "";
    }

    @Throttled(callsPerSecond = 1, fallback = "wrongParameters")
    String mismatchedParameters(String a) {
      return a;
    }

    String wrongParameters(Object a) {
      return "";
    }

    @Breaker(fallback = "wrongReturn")
    String mismatchedReturn() {
      return "";
    }

    Integer wrongReturn() {
      return 0;
    }

    @Throttled(callsPerSecond = 1, fallback = "wrongRejection")
    String mismatchedRejection() {
      return "";
    }

    String wrongRejection(CircuitOpenException e) {
      return "";
    }

    @Throttled(callsPerSecond = 1, fallback = "instanceFallback")
    static String staticGuarded() {
      return "";
    }

    String instanceFallback() {
      return "";
    }

    @Throttled(name = "fallback.throttled.varargs", callsPerSecond = 0.001, maxWaitMillis = 0, fallback = "joinLater")
    String join(String... parts) {
      return String.join("+", parts);
    }

    String joinLater(String... parts) {
      return "later " + parts.length;
    }
  }

  /** {@code get()} has a bridge twin {@code Object get()} emitted by javac. */
  static class Supplied implements java.util.function.Supplier<String> {
    @Override
    public String get() {
      return "supplied";
    }

    @Throttled(name = "fallback.throttled.bridge", callsPerSecond = 0.001, maxWaitMillis = 0, fallback = "get")
    String load() {
      return "loaded";
    }
  }

  private static final Object[] NONE = {};

  @Test
  void breakerFallbackWithoutRejectionParameterGetsTheArguments() throws Exception {
    Service service = new Service();
    GuardSite site = GuardSite.forMethod(Service.class, "quote", String.class, int.class);
    Object[] arguments = {"ACME", 3};
    assertThrows(IOException.class,
        () -> Protocol.call(site, service, arguments, () -> service.quote("ACME", 3)));
    Object result = Protocol.call(site, service, arguments, () -> {
      throw new AssertionError("an open circuit must not run the method");
    });
    assertEquals("cached ACME 3", result);
  }

  @Test
  void staticFallbackReceivesTheRejection() throws Exception {
    GuardSite site = GuardSite.forMethod(Service.class, "ping", String.class);
    Object[] arguments = {"bob"};
    assertEquals("pong bob", Protocol.call(site, null, arguments, () -> Service.ping("bob")));
    assertEquals("busy bob (fallback.throttled.static)",
        Protocol.call(site, null, arguments, () -> Service.ping("bob")));
  }

  @Test
  void oneFallbackMayServeBothGuardsThroughACommonSupertype() throws Exception {
    Service service = new Service();
    GuardSite site = GuardSite.forMethod(Service.class, "fetch");
    assertEquals("fresh", Protocol.call(site, service, NONE, service::fetch));
    assertEquals("later", Protocol.call(site, service, null, service::fetch));
    assertEquals(1, service.received.size());
    assertTrue(service.received.get(0) instanceof ThrottledException, service.received.toString());
  }

  @Test
  void voidMethodFallback() throws Exception {
    Service service = new Service();
    GuardSite site = GuardSite.forMethod(Service.class, "fire");
    assertNull(Protocol.call(site, service, NONE, () -> null));
    assertNull(Protocol.call(site, service, NONE, () -> null));
    assertEquals(List.of("skipped"), service.received);
  }

  @Test
  void theFallbacksOwnExceptionPassesUnchanged() throws Exception {
    Service service = new Service();
    GuardSite site = GuardSite.forMethod(Service.class, "throwing");
    Protocol.call(site, service, NONE, service::throwing);
    IOException e = assertThrows(IOException.class, () -> Protocol.call(site, service, NONE, service::throwing));
    assertEquals("fallback's own", e.getMessage());
  }

  @Test
  void theMethodsOwnCheckedExceptionPassesUnwrapped() {
    Service service = new Service();
    GuardSite site = GuardSite.forMethod(Service.class, "own", String.class, int.class);
    IOException original = new IOException("mine");
    Exception thrown = assertThrows(Exception.class, () -> Protocol.call(site, service, new Object[] {"X", 1}, () -> {
      throw original;
    }));
    assertSame(original, thrown);
  }

  /** Defect 2: a varargs fallback receives the array as its one argument (it threw ClassCastException). */
  @Test
  void varargsFallbackReceivesTheArray() throws Exception {
    Service service = new Service();
    GuardSite site = GuardSite.forMethod(Service.class, "join", String[].class);
    Object[] arguments = {new String[] {"a", "b", "c"}};
    assertEquals("a+b+c", Protocol.call(site, service, arguments, () -> service.join("a", "b", "c")));
    assertEquals("later 3", Protocol.call(site, service, arguments, () -> service.join("a", "b", "c")));
  }

  /** Defect 3: the bridge twin {@code Object get()} is no candidate, so {@code String get()} is the fallback. */
  @Test
  void aBridgeTwinIsNeverTheFallback() throws Exception {
    Supplied supplied = new Supplied();
    GuardSite site = GuardSite.forMethod(Supplied.class, "load");
    assertEquals("loaded", Protocol.call(site, supplied, NONE, supplied::load));
    assertEquals("supplied", Protocol.call(site, supplied, NONE, supplied::load));
  }

  @ParameterizedTest
  @CsvSource({
    "missingFallback,      @Throttled(fallback=\"missing\"),         no method missing()",
    "mismatchedParameters, @Throttled(fallback=\"wrongParameters\"), no method wrongParameters",
    "mismatchedReturn,     @Breaker(fallback=\"wrongReturn\"),       not assignable to java.lang.String",
    "mismatchedRejection,  @Throttled(fallback=\"wrongRejection\"),  no method wrongRejection",
    "staticGuarded,        @Throttled(fallback=\"instanceFallback\"), so fallback instanceFallback must be static",
  })
  void aMissingOrMismatchedFallbackIsAnErrorNamingTheAttribute(String method, String attribute, String problem) {
    Class<?>[] parameters = method.equals("mismatchedParameters") ? new Class<?>[] {String.class} : new Class<?>[0];
    GuardSite site = GuardSite.forMethod(Service.class, method, parameters);
    ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
    assertEquals("fallback", e.attribute());
    assertTrue(e.getMessage().contains(attribute), e.getMessage());
    assertTrue(e.getMessage().contains(Service.class.getName() + "#" + method), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertThrows(ConfigurationException.class, site::enter, "every call fails, never unguarded");
  }
}
