package dev.warden.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.TimeoutConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule book's entries for {@code @Bulkhead} and {@code @Timeout}: their values, the boolean
 * override of {@code interrupt}, and {@code maxWaitMillis}, an attribute two kinds share.
 */
class NewGuardRulesTest {

  private static final String WHERE = "com.acme.Api#m";

  @AfterEach
  void clearProperties() {
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("warden.rules."))
        .forEach(System::clearProperty);
  }

  private static GuardDeclaration bulkhead(int maxConcurrent, long maxWaitMillis) {
    return new GuardDeclaration(GuardKind.BULKHEAD, WHERE, Map.of(
        "maxConcurrent", maxConcurrent, "maxWaitMillis", maxWaitMillis, "name", "", "fallback", ""));
  }

  private static GuardDeclaration timeout(long millis, boolean interrupt) {
    return new GuardDeclaration(GuardKind.TIMEOUT, WHERE, Map.of("millis", millis, "interrupt", interrupt, "name", ""));
  }

  @Test
  void declarationsBecomeTheirConfigurations() {
    assertEquals(new ConcurrencyLimiterConfig(4, 250), Values.concurrencyLimiter(bulkhead(4, 250)));
    assertEquals(new TimeoutConfig(800, false), Values.timeout(timeout(800, false)));
  }

  @Test
  void anInvalidValueNamesAnnotationAttributeValueAndMethod() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Values.check(bulkhead(0, 0), null));
    assertEquals("Invalid @Bulkhead(maxConcurrent=0) on com.acme.Api#m: maxConcurrent must be >= 1, got 0", e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> Values.check(bulkhead(1, -2), null));
    assertEquals("Invalid @Bulkhead(maxWaitMillis=-2) on com.acme.Api#m: maxWaitMillis must be >= 0, got -2", e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> Values.check(timeout(0, true), null));
    assertTrue(e.getMessage().startsWith("Invalid @Timeout(millis=0) on com.acme.Api#m: millis must be >= 1"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", " False "})
  void interruptIsOverriddenByABoolean(String text) {
    System.setProperty("warden.rules.t.interrupt", text);
    GuardDeclaration d = Overrides.read(null).apply(timeout(50, true), "rules.t");
    assertEquals(new TimeoutConfig(50, false), Values.timeout(d));
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "1", "yes", ""})
  void anInterruptThatIsNoBooleanIsAnErrorNamingKeyAndValue(String text) {
    System.setProperty("warden.rules.t.interrupt", text);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> Overrides.read(null).apply(timeout(50, true), "rules.t"));
    assertEquals("Invalid Warden override warden.rules.t.interrupt=" + text
        + " (system property): not a boolean (true or false)", e.getMessage());
    assertEquals("interrupt", e.attribute());
  }

  @Test
  void anOverriddenInvalidValueNamesTheOverride() {
    System.setProperty("warden.rules.b.maxConcurrent", "0");
    GuardDeclaration d = Overrides.read(null).apply(bulkhead(3, 0), "rules.b");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Values.check(d, null));
    assertEquals("Invalid Warden override warden.rules.b.maxConcurrent=0 (system property): maxConcurrent must be >= 1, got 0",
        e.getMessage());
  }

  @Test
  void maxWaitMillisOfEitherKindIsUsedByTheOther() {
    System.setProperty("warden.rules.m.maxWaitMillis", "40");
    Overrides overrides = Overrides.read(null);
    assertEquals(List.of(), overrides.ineffective("rules.m", Set.of(GuardKind.THROTTLED), WHERE));
    assertEquals(List.of(), overrides.ineffective("rules.m", Set.of(GuardKind.BULKHEAD), WHERE));
    assertEquals(List.of("Warden override warden.rules.m.maxWaitMillis=40 has no effect on " + WHERE
            + ": it declares no @Bulkhead or @Throttled guard named 'rules.m'"),
        overrides.ineffective("rules.m", Set.of(GuardKind.BREAKER), WHERE));
  }

  @Test
  void anOverrideOfANewKindTheMethodLacksIsReported() {
    System.setProperty("warden.rules.n.millis", "9");
    assertEquals(List.of("Warden override warden.rules.n.millis=9 has no effect on " + WHERE
            + ": it declares no @Timeout guard named 'rules.n'"),
        Overrides.read(null).ineffective("rules.n", Set.of(GuardKind.BULKHEAD), WHERE));
  }

  @Test
  void theRulesCheckTheNewKindsBetweenTheThrottleAndTheCounter() {
    assertEquals(List.of(GuardKind.TIMEOUT, GuardKind.BULKHEAD, GuardKind.THROTTLED, GuardKind.BREAKER,
        GuardKind.RETRY, GuardKind.COUNT_CALLS), List.of(GuardKind.values()));
    assertEquals(BulkheadFullException.class, GuardKind.BULKHEAD.rejection());
    assertEquals(null, GuardKind.TIMEOUT.rejection());
  }
}
