package dev.warden.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Retry;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RetryConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule book's entries for {@code @Retry}: every attribute's values from the annotation and
 * from overrides, the class-level rule, names, shared names, and that it has no fallback.
 */
class RetryRulesTest {

  private static final String WHERE = "com.acme.Api#m";
  private static final String NAME = "rules.retry.o";
  private static final String LIMITS = " and <= 4611686018427 (2^62 ns, about 146 years)";
  private static final TypeOracle ORACLE = Reflection.oracle(RetryRulesTest.class.getClassLoader());

  /** Methods with {@code @Retry} as users write it. */
  static class Fixture {
    @Retry(maxAttempts = 4, delayMillis = 200, multiplier = 1.5, maxDelayMillis = 5_000, jitter = 0.1,
        retryOn = {IOException.class, TimeoutException.class}, abortOn = FileNotFoundException.class)
    public void everyAttribute() {}

    @Retry(name = "rules.retry.named")
    public void named() {}

    @Retry(maxAttempts = 0)
    @Breaker(failureThreshold = 0)
    public void bothInvalid() {}
  }

  /** {@code @Retry} on a type. */
  @Retry(maxAttempts = 5)
  static class Typed {
    public void inherits() {}

    @Retry(maxAttempts = 2)
    public void own() {}

    void packagePrivate() {}

    public static void statics() {}
  }

  @AfterEach
  void clearProperties() {
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("warden.rules.retry."))
        .forEach(System::clearProperty);
  }

  private static GuardDeclaration retry(Map<String, Object> changes) {
    Map<String, Object> values = new HashMap<>(Map.of("maxAttempts", 3, "delayMillis", 1000L, "multiplier", 2.0,
        "maxDelayMillis", 30_000L, "jitter", 0.2, "retryOn", List.of("java.lang.Exception"), "abortOn", List.of(),
        "name", ""));
    values.putAll(changes);
    return new GuardDeclaration(GuardKind.RETRY, WHERE, values);
  }

  private static GuardDeclaration declared(Method method) {
    return Reflection.applicable(method).get(GuardKind.RETRY);
  }

  @Test
  void anAnnotationBecomesItsConfiguration() throws Exception {
    GuardDeclaration d = declared(Fixture.class.getMethod("everyAttribute"));
    Values.check(d, ORACLE);
    assertEquals(List.of("java.io.IOException", "java.util.concurrent.TimeoutException"), d.typeNames("retryOn"));
    assertEquals(List.of("java.io.FileNotFoundException"), d.typeNames("abortOn"));
    assertEquals(new RetryConfig(4, 200, 1.5, 5_000, 0.1, List.of(IOException.class, TimeoutException.class),
            List.of(FileNotFoundException.class)),
        Values.retry(d, List.of(IOException.class, TimeoutException.class), List.of(FileNotFoundException.class)));
    assertEquals(RetryConfig.defaults(), Values.retry(retry(Map.of()), List.of(Exception.class), List.of()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "maxAttempts    | 0    | maxAttempts must be >= 1, got 0",
      "delayMillis    | -1   | delayMillis must be >= 0, got -1",
      "multiplier     | 0.5  | multiplier must be >= 1.0 and finite, got 0.5",
      "multiplier     | NaN  | multiplier must be >= 1.0 and finite, got NaN",
      "maxDelayMillis | 999  | maxDelayMillis must be >= delayMillis (1000)" + LIMITS + ", got 999",
      "jitter         | 1.5  | jitter must be from 0 to 1, got 1.5",
      "jitter         | -0.1 | jitter must be from 0 to 1, got -0.1"})
  void anInvalidAnnotationValueNamesAnnotationAttributeValueAndMethod(String attribute, String text, String rule) {
    Object value = switch (attribute) {
      case "maxAttempts" -> Integer.valueOf(text);
      case "multiplier", "jitter" -> Double.valueOf(text);
      default -> Long.valueOf(text);
    };
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> Values.check(retry(Map.of(attribute, value)), ORACLE));
    assertEquals("Invalid @Retry(" + attribute + "=" + text + ") on com.acme.Api#m: " + rule, e.getMessage());
    assertEquals(attribute, e.attribute());
    assertEquals(text, e.value());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "maxAttempts    | 0    | maxAttempts must be >= 1, got 0",
      "delayMillis    | -1   | delayMillis must be >= 0, got -1",
      "multiplier     | 0.5  | multiplier must be >= 1.0 and finite, got 0.5",
      "multiplier     | NaN  | multiplier must be >= 1.0 and finite, got NaN",
      "maxDelayMillis | 999  | maxDelayMillis must be >= delayMillis (1000)" + LIMITS + ", got 999",
      "jitter         | 1.5  | jitter must be from 0 to 1, got 1.5",
      "jitter         | -0.1 | jitter must be from 0 to 1, got -0.1",
      "maxAttempts    | three | not an integer (int)",
      "delayMillis    | 1.5  | not an integer (long)",
      "maxDelayMillis | 1e3  | not an integer (long)",
      "multiplier     | fast | not a number",
      "jitter         | ''   | not a number",
      "retryOn        | com.acme.Missing | class com.acme.Missing not found",
      "retryOn        | 'java.io.IOException, java.lang.String' | java.lang.String is not a Throwable",
      "abortOn        | com.acme.Missing | class com.acme.Missing not found",
      "abortOn        | java.lang.Object | java.lang.Object is not a Throwable"})
  void anInvalidOverrideNamesKeyValueAndSource(String attribute, String text, String problem) {
    System.setProperty("warden." + NAME + "." + attribute, text);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Values.check(Overrides.read(null).apply(retry(Map.of()), NAME), ORACLE));
    assertEquals("Invalid Warden override warden." + NAME + "." + attribute + "=" + text + " (system property): "
        + problem, e.getMessage());
    assertEquals(attribute, e.attribute());
    assertEquals(text, e.value());
  }

  /**
   * Defect R2: an override that makes another attribute's value invalid (delayMillis above the
   * default maxDelayMillis) gave a message that blamed the annotation and never named the override.
   */
  @Test
  void anInvalidValueCausedByAnotherAttributesOverrideNamesThatOverride() {
    System.setProperty("warden." + NAME + ".delayMillis", "60000");
    GuardDeclaration declaration = retry(Map.of());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Values.check(Overrides.read(null).apply(declaration, NAME), ORACLE));
    assertEquals("Invalid @Retry(maxDelayMillis=30000) on " + declaration.where()
        + ": maxDelayMillis must be >= delayMillis (60000)" + LIMITS + ", got 30000"
        + "; the overrides applied: warden." + NAME + ".delayMillis=60000 (system property)", e.getMessage());
  }

  @Test
  void everyAttributeIsOverridden() {
    Map<String, String> overrides = Map.of("maxAttempts", " 6 ", "delayMillis", "50", "multiplier", "1.25",
        "maxDelayMillis", "400", "jitter", "0", "retryOn", "java.io.IOException, java.lang.Error",
        "abortOn", "java.io.FileNotFoundException");
    overrides.forEach((attribute, text) -> System.setProperty("warden." + NAME + "." + attribute, text));

    GuardDeclaration d = Overrides.read(null).apply(retry(Map.of()), NAME);

    Values.check(d, ORACLE);
    assertEquals(Set.copyOf(RetryConfig.ATTRIBUTES), d.overridden().keySet());
    assertEquals(List.of("java.io.IOException", "java.lang.Error"), d.typeNames("retryOn"));
    assertEquals(List.of("java.io.FileNotFoundException"), d.typeNames("abortOn"));
    assertEquals(new RetryConfig(6, 50, 1.25, 400, 0.0, List.of(), List.of()), Values.retry(d, List.of(), List.of()));
  }

  @Test
  void anOverrideFromTheResourceNamesItsLocation(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(Overrides.RESOURCE);
    Files.writeString(file, "warden." + NAME + ".jitter=2\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      GuardDeclaration d = Overrides.read(loader).apply(retry(Map.of()), NAME);
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> Values.check(d, ORACLE));
      assertEquals("Invalid Warden override warden." + NAME + ".jitter=2 (" + file.toUri().toURL()
          + "): jitter must be from 0 to 1, got 2.0", e.getMessage());
    }
  }

  @Test
  void aRetryOverrideOfAMethodWithoutRetryIsReported() {
    System.setProperty("warden.rules.retry.i.maxAttempts", "2");
    System.setProperty("warden.rules.retry.i.abortOn", "java.io.IOException");
    Overrides overrides = Overrides.read(null);
    assertEquals(List.of(), overrides.ineffective("rules.retry.i", Set.of(GuardKind.RETRY), WHERE));
    assertEquals(List.of(
            "Warden override warden.rules.retry.i.abortOn=java.io.IOException has no effect on com.acme.Api#m:"
                + " it declares no @Retry guard named 'rules.retry.i'",
            "Warden override warden.rules.retry.i.maxAttempts=2 has no effect on com.acme.Api#m:"
                + " it declares no @Retry guard named 'rules.retry.i'"),
        overrides.ineffective("rules.retry.i", Set.of(GuardKind.BREAKER, GuardKind.TIMEOUT), WHERE));
  }

  @Test
  void aMisspelledRetryAttributeIsAnErrorListingTheKnownOnes() {
    System.setProperty("warden.rules.retry.u.maxAttempt", "2");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Overrides.read(null).rejectUnknownAttributes("rules.retry.u"));
    assertTrue(e.getMessage().startsWith(
        "Invalid Warden override warden.rules.retry.u.maxAttempt=2 (system property): unknown attribute 'maxAttempt';"
            + " known: ["), e.getMessage());
    for (String attribute : RetryConfig.ATTRIBUTES) {
      assertTrue(e.getMessage().contains(attribute), attribute);
    }
  }

  @Test
  void aTypesRetryAppliesToItsPublicMethodsUnlessTheyHaveTheirOwn() throws Exception {
    GuardDeclaration inherited = declared(Typed.class.getMethod("inherits"));
    assertEquals(Typed.class.getName(), inherited.where());
    assertEquals(5, inherited.value("maxAttempts"));
    GuardDeclaration own = declared(Typed.class.getMethod("own"));
    assertEquals(Typed.class.getName() + "#own", own.where());
    assertEquals(2, own.value("maxAttempts"));
    assertNull(declared(Typed.class.getDeclaredMethod("packagePrivate")));
    assertNull(declared(Typed.class.getMethod("statics")));
  }

  @Test
  void theNameIsExplicitOrTheDeclaringMethods() throws Exception {
    Method named = Fixture.class.getMethod("named");
    assertEquals("rules.retry.named", GuardNames.of(declared(named), Reflection.shape(named)));
    Method inherits = Typed.class.getMethod("inherits");
    assertEquals(Typed.class.getName() + "#inherits", GuardNames.of(declared(inherits), Reflection.shape(inherits)));
  }

  @Test
  void declarationsSharingANameMustAgree() {
    GuardDeclaration first = retry(Map.of("name", "shared"));
    GuardDeclaration second = retry(Map.of("name", "shared", "maxAttempts", 2, "jitter", 0.0,
        "retryOn", List.of("java.io.IOException")));
    assertNull(SharedNames.conflict(retry(Map.of("name", "shared")), "B#b", first, "A#a", "shared"));
    assertEquals("@Retry(name=\"shared\") on B#b shares its guard with A#a but has a different configuration"
            + " (maxAttempts=2 vs 3, jitter=0.0 vs 0.2, retryOn=[java.io.IOException] vs [java.lang.Exception]):"
            + " declarations sharing a name must agree",
        SharedNames.conflict(second, "B#b", first, "A#a", "shared"));
  }

  @Test
  void retryHasNoFallback() throws Exception {
    assertFalse(GuardKind.RETRY.hasFallback());
    assertNull(GuardKind.RETRY.rejection());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GuardKind.RETRY.attributeType("fallback"));
    assertEquals("@Retry has no attribute fallback", e.getMessage());
    Method method = Fixture.class.getMethod("everyAttribute");
    GuardDeclaration d = declared(method);
    assertEquals("", d.fallback());
    assertNull(Fallbacks.resolve(d, Reflection.shape(method), List.of(Reflection.shape(method)), ORACLE));
  }

  @Test
  void everyAttributeButTheNameIsConfiguration() {
    Set<String> annotated = new TreeSet<>();
    for (Method attribute : Retry.class.getDeclaredMethods()) {
      annotated.add(attribute.getName());
    }
    List<String> expected = new ArrayList<>(GuardKind.RETRY.configAttributes());
    expected.add("name");
    assertEquals(new TreeSet<>(expected), annotated);
    assertEquals(RetryConfig.ATTRIBUTES, GuardKind.RETRY.configAttributes());
  }

  @Test
  void theRetryIsCheckedFirstAndItsOverridesApplied() throws Exception {
    Method both = Fixture.class.getMethod("bothInvalid");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> MethodRules.check(
        Reflection.shape(both), Reflection.applicable(both), List.of(), ORACLE, Overrides.read(null)));
    assertEquals("Invalid @Retry(maxAttempts=0) on " + Fixture.class.getName() + "#bothInvalid:"
        + " maxAttempts must be >= 1, got 0", e.getMessage());

    Method named = Fixture.class.getMethod("named");
    System.setProperty("warden.rules.retry.named.maxAttempts", "7");
    MethodRules.Checked checked = MethodRules.check(
        Reflection.shape(named), Reflection.applicable(named), List.of(), ORACLE, Overrides.read(null));
    assertEquals(7, checked.declarations().get(GuardKind.RETRY).value("maxAttempts"));
    assertEquals("rules.retry.named", checked.names().get(GuardKind.RETRY));
    assertTrue(checked.fallbacks().isEmpty());
    assertEquals(List.of(), MethodRules.ineffectiveOverrides(checked, Overrides.read(null)));
  }
}
