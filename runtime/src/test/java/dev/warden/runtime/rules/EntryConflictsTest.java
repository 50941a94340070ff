package dev.warden.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Review R1: entries whose declarations share a guard name (the default {@code Class#method} of
 * overload entries, or an equal explicit {@code name}) must agree on the configuration.
 */
class EntryConflictsTest {

  private static final String FILE = "/etc/guards.properties";
  private static final String PROPERTIES = "jar:file:/app.jar!/warden.properties";

  private static GuardEntry entry(String line, String source) {
    return GuardEntries.parseLine(line, source);
  }

  @Test
  void overloadEntriesWithoutANameShareTheDefaultNameAndMustAgree() {
    GuardEntry string = entry("com.acme.Client#send(java.lang.String) = @Throttled(callsPerSecond=100, burst=5)", FILE);
    GuardEntry integer = entry("com.acme.Client#send(int) = @CountCalls @Throttled(callsPerSecond=0.001, burst=1)", FILE);
    assertEquals("@Throttled(name=\"com.acme.Client#send\") on com.acme.Client#send(int) shares its guard with"
        + " 'com.acme.Client#send(java.lang.String) = @Throttled(callsPerSecond=100, burst=5)' (" + FILE + ") but has a"
        + " different configuration (callsPerSecond=0.001 vs 100.0, burst=1 vs 5): declarations sharing a name must"
        + " agree; give one a name=\"...\" of its own or make them agree",
        EntryConflicts.conflict(integer, string));
  }

  @Test
  void agreeingOverloadEntriesAndOtherKindsAreNoConflict() {
    GuardEntry string = entry("com.acme.Client#send(java.lang.String) = @Throttled(callsPerSecond=5)", FILE);
    assertNull(EntryConflicts.conflict(entry("com.acme.Client#send(int) = @Throttled(callsPerSecond=5.0)", FILE), string));
    assertNull(EntryConflicts.conflict(entry("com.acme.Client#send(int) = @Bulkhead(maxConcurrent=1)", FILE), string));
    assertNull(EntryConflicts.conflict(entry("com.acme.Client#sendAll = @Throttled(callsPerSecond=7)", FILE), string));
    assertNull(EntryConflicts.conflict(
        entry("com.acme.Client#send(int) = @Throttled(callsPerSecond=7, name=\"other\")", FILE), string));
  }

  @Test
  void equalExplicitNamesMustAgreeAcrossClassesAndSources() {
    GuardEntry upload = entry("com.acme.Client#upload = @Throttled(callsPerSecond=5, name=\"sdk\")", FILE);
    GuardEntry search = entry("com.acme.Search = @Throttled(callsPerSecond=6, name=\"sdk\")", PROPERTIES);
    assertEquals("@Throttled(name=\"sdk\") on com.acme.Search shares its guard with 'com.acme.Client#upload ="
        + " @Throttled(callsPerSecond=5, name=\"sdk\")' (" + FILE + ") but has a different configuration"
        + " (callsPerSecond=6.0 vs 5.0): declarations sharing a name must agree; give one a name=\"...\" of its own or"
        + " make them agree", EntryConflicts.conflict(search, upload));
  }

  /** A class-level entry's default name depends on the method it applies to: compared only by an explicit name. */
  @Test
  void aClassLevelEntryWithoutANameIsComparedWithNothing() {
    GuardEntry onType = entry("com.acme.Client = @Throttled(callsPerSecond=5)", FILE);
    GuardEntry onMethod = entry("com.acme.Client#send = @Throttled(callsPerSecond=7)", FILE);
    assertNull(EntryConflicts.conflict(onMethod, onType));
    assertNull(EntryConflicts.conflict(onType, onMethod));
    assertNull(EntryConflicts.conflict(entry("com.acme.Client = @Throttled(callsPerSecond=7)", FILE), onType));
  }

  /** Second review N5: the names an entry's declarations create, by which the agent indexes entries. */
  @Test
  void anEntryCreatesItsExplicitNamesAndAMethodEntryItsDefaultName() {
    assertEquals(List.of("sdk", "com.acme.Client#send"), EntryConflicts.names(entry(
        "com.acme.Client#send(int) = @CountCalls @Throttled(callsPerSecond=5, name=\"sdk\") @Breaker", FILE)));
    assertEquals(List.of("sdk"), EntryConflicts.names(
        entry("com.acme.Client = @CountCalls @Throttled(callsPerSecond=5, name=\"sdk\")", FILE)));
  }
}
