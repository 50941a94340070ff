package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import dev.warden.runtime.rules.GuardEntries;
import java.io.IOException;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sites of methods the java agent weaves because guard entries select them: the site parses the
 * entry text the agent registered through {@link ConfiguredMethods#configure} and gets the guards,
 * names and configurations the equivalent annotations give; a bad entry value gives a site whose
 * every call fails; an annotation wins over an entry.
 */
class ConfiguredSiteTest {

  private static final String SOURCE = "/etc/shop/guards.properties";
  private static final String GUARDS = "@Throttled(callsPerSecond=0.001, burst=3, maxWaitMillis=0)"
      + " @Breaker(failureThreshold=2, cooldownMillis=500, failOn=java.io.IOException) @CountCalls";

  /** The annotated twin of {@link Plain#send(String)} as {@link #GUARDS} configures it. */
  static class Annotated {
    /** Overloads sharing the default name, with different configurations (no processor here). */
    @Throttled(callsPerSecond = 1)
    void twin(String message) {}

    @Throttled(callsPerSecond = 2)
    void twin(int priority) {}

    @Throttled(callsPerSecond = 0.001, burst = 3, maxWaitMillis = 0)
    @Breaker(failureThreshold = 2, cooldownMillis = 500, failOn = IOException.class)
    @CountCalls
    String send(String message) {
      return message;
    }
  }

  /** Never annotated, as a third-party class is. */
  @SuppressWarnings("unused")
  static class Plain {
    String send(String message) {
      return message;
    }

    String send(String message, int priority) {
      return message;
    }

    public String typeLevel() {
      return "";
    }

    String badFallback(String message) {
      return message;
    }

    String missingFailOn() {
      return "";
    }

    String overridden() {
      return "";
    }

    String garbled() {
      return "";
    }

    String shared(String message) {
      return message;
    }

    String shared(String message, int priority) {
      return message;
    }
  }

  private static final String PLAIN = Plain.class.getName();
  private static final String ANNOTATED = Annotated.class.getName();

  /** Registers {@code entry} for the method as the agent does: its line and source, as text. */
  private static void configure(Class<?> type, String method, MethodType methodType, String entry, String classEntry) {
    ConfiguredMethods.configure(type.getName(), method, methodType.toMethodDescriptorString(),
        entry == null ? null : SOURCE, entry == null ? null : GuardEntries.parseLine(entry, SOURCE).line(),
        classEntry == null ? null : SOURCE, classEntry == null ? null : GuardEntries.parseLine(classEntry, SOURCE).line());
  }

  @Test
  void aConfiguredMethodGetsTheNamesAndConfigurationsOfItsAnnotatedTwin() throws Exception {
    configure(Plain.class, "send", MethodType.methodType(String.class, String.class),
        PLAIN + "#send(java.lang.String) = " + GUARDS, null);
    GuardRegistry configured = Registries.create(new FakeTime());
    GuardRegistry annotated = Registries.create(new FakeTime());
    GuardSite site = Protocol.site(configured, Plain.class, "send", String.class);
    Protocol.site(annotated, Annotated.class, "send", String.class);

    assertEquals(Set.of(PLAIN + "#send"), configured.names());
    assertEquals(Set.of(ANNOTATED + "#send"), annotated.names());
    assertEquals(annotated.findLimiter(ANNOTATED + "#send").config(), configured.findLimiter(PLAIN + "#send").config());
    assertEquals(annotated.findBreaker(ANNOTATED + "#send").config(), configured.findBreaker(PLAIN + "#send").config());

    for (int i = 0; i < 3; i++) {
      assertEquals("ok", Protocol.call(site, () -> "ok"));
    }
    assertThrows(ThrottledException.class, () -> Protocol.call(site, () -> "ok"), "burst=3, no refill on a fake clock");
    assertEquals(4, configured.findStats(PLAIN + "#send").calls());
  }

  @Test
  void anEntryForOneOverloadLeavesTheOthersUnguarded() {
    configure(Plain.class, "send", MethodType.methodType(String.class, String.class),
        PLAIN + "#send(java.lang.String) = " + GUARDS, null);
    GuardRegistry registry = Registries.create(new FakeTime());
    Protocol.site(registry, Plain.class, "send", String.class, int.class);
    assertEquals(Set.of(), registry.names());
  }

  @Test
  void aClassLevelEntryAppliesToThePublicMethods() {
    configure(Plain.class, "typeLevel", MethodType.methodType(String.class), null,
        PLAIN + " = @CountCalls(name=\"configured.type\")");
    GuardRegistry registry = Registries.create(new FakeTime());
    Protocol.site(registry, Plain.class, "typeLevel");
    assertEquals(Set.of("configured.type"), registry.names());
  }

  @Test
  void aBadFallbackGivesASiteWhoseEveryCallFails() {
    configure(Plain.class, "badFallback", MethodType.methodType(String.class, String.class),
        PLAIN + "#badFallback = @Throttled(callsPerSecond=1, fallback=\"nope\")", null);
    GuardRegistry registry = Registries.create(new FakeTime());
    GuardSite site = Protocol.site(registry, Plain.class, "badFallback", String.class);
    ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
    assertEquals("Invalid @Throttled(fallback=\"nope\") on " + PLAIN + "#badFallback in " + SOURCE
        + ": no method nope(java.lang.String)"
        + " (optionally with a trailing parameter that accepts ThrottledException) in " + PLAIN, e.getMessage());
    assertThrows(ConfigurationException.class, site::enter, "every call fails, never unguarded");
    assertEquals(Set.of(), registry.names(), "nothing registered");
  }

  @Test
  void aMissingClassInAConfiguredListGivesASiteWhoseEveryCallFailsNamingTheEntry() {
    configure(Plain.class, "missingFailOn", MethodType.methodType(String.class),
        PLAIN + "#missingFailOn = @Breaker(failOn={java.io.IOException, com.acme.Nope})", null);
    GuardSite site = Protocol.site(Registries.create(new FakeTime()), Plain.class, "missingFailOn");
    ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
    assertEquals("Invalid @Breaker(failOn={java.io.IOException, com.acme.Nope}) on " + PLAIN + "#missingFailOn in "
        + SOURCE + ": class com.acme.Nope not found", e.getMessage());
  }

  @Test
  void anAnnotatedMethodIgnoresItsConfiguredEntry() {
    configure(Annotated.class, "send", MethodType.methodType(String.class, String.class),
        ANNOTATED + "#send = @Throttled(callsPerSecond=9, burst=99) @Timeout(millis=5)", null);
    GuardRegistry registry = Registries.create(new FakeTime());
    Protocol.site(registry, Annotated.class, "send", String.class);
    assertEquals(Set.of(ANNOTATED + "#send"), registry.names());
    assertEquals(3, registry.findLimiter(ANNOTATED + "#send").config().burst());
    assertEquals(null, registry.findTimeout(ANNOTATED + "#send"));
  }

  @Test
  void anOverrideWinsOverTheEntry() {
    configure(Plain.class, "overridden", MethodType.methodType(String.class),
        PLAIN + "#overridden = @Throttled(callsPerSecond=1, burst=3, name=\"configured.overridden\")", null);
    System.setProperty("warden.configured.overridden.burst", "1");
    try {
      GuardRegistry registry = Registries.create(new FakeTime());
      Protocol.site(registry, Plain.class, "overridden");
      assertEquals(1, registry.findLimiter("configured.overridden").config().burst());
    } finally {
      System.clearProperty("warden.configured.overridden.burst");
    }
  }

  /** A runtime copy of another version could fail to parse what the agent registered: every call fails. */
  @Test
  void aRegisteredEntryThatDoesNotParseGivesASiteWhoseEveryCallFails() {
    ConfiguredMethods.configure(PLAIN, "garbled", "()Ljava/lang/String;", SOURCE, PLAIN + "#garbled = @Guarded", null,
        null);
    GuardSite site = Protocol.site(Registries.create(new FakeTime()), Plain.class, "garbled");
    ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
    assertEquals("Invalid guard entry '" + PLAIN + "#garbled = @Guarded' (" + SOURCE + "): unknown guard @Guarded;"
        + " known: @Breaker, @Bulkhead, @CountCalls, @Retry, @Throttled, @Timeout", e.getMessage());
  }

  /**
   * Review R1 (runtime part): the registry's warning about two configurations under one name named
   * both methods by class and method name only, which is the same for overloads and says nothing
   * of the entries; it names the overloads and, for a configured method, the entry and its file.
   */
  @Test
  void theWarningAboutADifferentConfigurationUnderOneNameTellsTheOverloadsAndEntriesApart() {
    configure(Plain.class, "shared", MethodType.methodType(String.class, String.class),
        PLAIN + "#shared(java.lang.String) = @Throttled(callsPerSecond=5)", null);
    configure(Plain.class, "shared", MethodType.methodType(String.class, String.class, int.class),
        PLAIN + "#shared(java.lang.String, int) = @Throttled(callsPerSecond=7)", null);
    GuardRegistry registry = Registries.create(new FakeTime());
    try (CapturedLog log = new CapturedLog()) {
      Protocol.site(registry, Plain.class, "shared", String.class);
      Protocol.site(registry, Plain.class, "shared", String.class, int.class);
      Protocol.site(registry, Annotated.class, "twin", String.class);
      Protocol.site(registry, Annotated.class, "twin", int.class);
      assertEquals(List.of("@Throttled guard '" + PLAIN + "#shared' is declared by " + PLAIN
          + "#shared(java.lang.String, int) (guard entry " + PLAIN + "#shared(java.lang.String, int) in " + SOURCE
          + ") with " + registry.findLimiter(PLAIN + "#shared").config().toString().replace("5.0", "7.0")
          + " but " + PLAIN + "#shared(java.lang.String) (guard entry " + PLAIN + "#shared(java.lang.String) in "
          + SOURCE + ") created it first with " + registry.findLimiter(PLAIN + "#shared").config()
          + "; keeping the first"), log.messages(java.util.logging.Level.WARNING, "guard '" + PLAIN + "#shared'"));
      assertEquals(List.of("@Throttled guard '" + ANNOTATED + "#twin' is declared by " + ANNOTATED + "#twin(int) with "
          + registry.findLimiter(ANNOTATED + "#twin").config().toString().replace("1.0", "2.0") + " but " + ANNOTATED
          + "#twin(java.lang.String) created it first with " + registry.findLimiter(ANNOTATED + "#twin").config()
          + "; keeping the first"), log.messages(java.util.logging.Level.WARNING, "guard '" + ANNOTATED + "#twin'"));
    }
  }
}
