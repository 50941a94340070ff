package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.TimeoutConfig;
import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.Overrides;
import dev.warden.runtime.rules.Values;
import dev.warden.runtime.site.CapturedLog;
import dev.warden.runtime.store.FakeStore;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.StoreBinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Reconfigurer} on a registry of the test's own: every number of every kind, the values it
 * refuses with exactly the messages of the same override, unknown names and attributes, all or
 * nothing across kinds and class loaders, and the declared configuration the registry keeps
 * comparing with.
 */
class ReconfigurerTest {

  private static final ClassLoader LOADER = ReconfigurerTest.class.getClassLoader();
  private static final RateLimiterConfig LIMITER = new RateLimiterConfig(50, 5, 10);
  private static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.defaults();
  private static final ConcurrencyLimiterConfig BULKHEAD = new ConcurrencyLimiterConfig(8, 20);
  private static final TimeoutConfig TIMEOUT = new TimeoutConfig(800, true);
  private static final RetryConfig RETRY = RetryConfig.defaults();

  private final GuardRegistry registry = Registries.create(new FakeTime());

  /** Every kind of guard under {@code name}, declared by one method. */
  private void declareAll(String name) {
    registry.limiter(name, LIMITER, null, "A#m", LOADER);
    registry.breaker(name, BREAKER, "A#m", LOADER);
    registry.bulkhead(name, BULKHEAD, "A#m", LOADER);
    registry.timeout(name, TIMEOUT, "A#m", LOADER);
    registry.retry(name, RETRY, "A#m", LOADER);
    registry.stats(name, false, "A#m", LOADER);
  }

  private void reconfigure(String name, String attribute, String value) {
    Reconfigurer.reconfigure(registry, name, attribute, value);
  }

  @Test
  void everyNumberOfEveryKindChanges() {
    String name = "rc.all";
    declareAll(name);
    reconfigure(name, "callsPerSecond", "25.5");
    reconfigure(name, "burst", " 7 "); // blanks around a value are ignored, as in an override
    reconfigure(name, "maxWaitMillis", "40");
    assertEquals(new RateLimiterConfig(25.5, 7, 40), registry.findLimiter(name).config());
    assertEquals(new ConcurrencyLimiterConfig(8, 40), registry.findBulkhead(name).config(),
        "maxWaitMillis changes both kinds that have it");

    reconfigure(name, "failureThreshold", "3");
    reconfigure(name, "cooldownMillis", "1500");
    reconfigure(name, "halfOpenCalls", "2");
    assertEquals(new CircuitBreakerConfig(3, 1500, 2, BREAKER.failOn(), BREAKER.ignore()),
        registry.findBreaker(name).config());

    reconfigure(name, "maxConcurrent", "2");
    assertEquals(new ConcurrencyLimiterConfig(2, 40), registry.findBulkhead(name).config());

    reconfigure(name, "millis", "120");
    assertEquals(new TimeoutConfig(120, true), registry.findTimeout(name).config());

    reconfigure(name, "maxAttempts", "5");
    reconfigure(name, "delayMillis", "50");
    reconfigure(name, "multiplier", "1.5");
    reconfigure(name, "maxDelayMillis", "400");
    reconfigure(name, "jitter", "0");
    assertEquals(new RetryConfig(5, 50, 1.5, 400, 0, RETRY.retryOn(), RETRY.abortOn()),
        registry.findRetry(name).config());
  }

  /**
   * The message of the same value given as a system property override of a declaration with the
   * guard's numbers, with the source named as {@code Warden.reconfigure}.
   */
  private static String overrideMessage(GuardKind kind, Map<String, Object> values, String name, String attribute,
      String value) {
    String key = "warden." + name + "." + attribute;
    System.setProperty(key, value);
    try {
      GuardDeclaration declared = new GuardDeclaration(kind, "A#m", values);
      Values.checkNumbers(Overrides.read(null).apply(declared, name));
      throw new AssertionError("the override path accepts " + key + "=" + value);
    } catch (ConfigurationException e) {
      return e.getMessage().replace("(system property)", "(Warden.reconfigure)");
    } finally {
      System.clearProperty(key);
    }
  }

  private static Map<String, Object> numbers(GuardKind kind) {
    Map<String, Object> values = new HashMap<>();
    switch (kind) {
      case THROTTLED -> values.putAll(Map.of("callsPerSecond", LIMITER.callsPerSecond(), "burst", LIMITER.burst(),
          "maxWaitMillis", LIMITER.maxWaitMillis()));
      case BREAKER -> values.putAll(Map.of("failureThreshold", BREAKER.failureThreshold(),
          "cooldownMillis", BREAKER.cooldownMillis(), "halfOpenCalls", BREAKER.halfOpenCalls()));
      case BULKHEAD -> values.putAll(Map.of("maxConcurrent", BULKHEAD.maxConcurrent(),
          "maxWaitMillis", BULKHEAD.maxWaitMillis()));
      case TIMEOUT -> values.putAll(Map.of("millis", TIMEOUT.millis(), "interrupt", TIMEOUT.interrupt()));
      case RETRY -> values.putAll(Map.of("maxAttempts", RETRY.maxAttempts(), "delayMillis", RETRY.delayMillis(),
          "multiplier", RETRY.multiplier(), "maxDelayMillis", RETRY.maxDelayMillis(), "jitter", RETRY.jitter()));
      case COUNT_CALLS -> { }
    }
    return values;
  }

  @ParameterizedTest
  @CsvSource({
      "THROTTLED, callsPerSecond, 0",
      "THROTTLED, callsPerSecond, NaN",
      "THROTTLED, callsPerSecond, fast",
      "THROTTLED, callsPerSecond, 1e-12",
      "THROTTLED, burst, 0",
      "THROTTLED, burst, 2.5",
      "THROTTLED, burst, 99999999999",
      "BREAKER, failureThreshold, 0",
      "BREAKER, cooldownMillis, -1",
      "BREAKER, halfOpenCalls, 0",
      "BULKHEAD, maxConcurrent, 0",
      "BULKHEAD, maxConcurrent, +3",
      "TIMEOUT, millis, 0",
      "TIMEOUT, millis, 4611686018428",
      "RETRY, maxAttempts, 0",
      "RETRY, delayMillis, -5",
      "RETRY, multiplier, 0.5",
      "RETRY, multiplier, Infinity",
      "RETRY, maxDelayMillis, 10",
      "RETRY, jitter, 1.5",
  })
  void aBadValueIsRefusedWithTheOverridesMessageAndChangesNothing(GuardKind kind, String attribute, String value) {
    String name = "rc.bad." + kind + "." + attribute;
    declareAll(name);
    String expected = overrideMessage(kind, numbers(kind), name, attribute, value);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> reconfigure(name, attribute, value));
    assertEquals(expected, e.getMessage());
    assertEquals(attribute, e.attribute());
    assertEquals(value, e.value());
    assertUnchanged(name);
  }

  private void assertUnchanged(String name) {
    assertEquals(LIMITER, registry.findLimiter(name).config());
    assertEquals(BREAKER, registry.findBreaker(name).config());
    assertEquals(BULKHEAD, registry.findBulkhead(name).config());
    assertEquals(TIMEOUT, registry.findTimeout(name).config());
    assertEquals(RETRY, registry.findRetry(name).config());
  }

  @Test
  void aNegativeWaitNamesTheKeyOnceForBothKindsAndChangesNeither() {
    String name = "rc.bad.wait";
    declareAll(name);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> reconfigure(name, "maxWaitMillis", "-1"));
    assertEquals("Invalid Warden override warden.rc.bad.wait.maxWaitMillis=-1 (Warden.reconfigure):"
        + " maxWaitMillis must be >= 0, got -1", e.getMessage());
    assertUnchanged(name);
  }

  @Test
  void aValueInvalidOnlyNextToAnotherNumberNamesBoth() {
    String name = "rc.bad.delay";
    declareAll(name);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> reconfigure(name, "delayMillis", "60000"));
    assertEquals("Invalid @Retry(maxDelayMillis=30000) on the live guard 'rc.bad.delay': maxDelayMillis must be"
        + " >= delayMillis (60000) and <= 4611686018427 (2^62 ns, about 146 years), got 30000; the overrides"
        + " applied: warden.rc.bad.delay.delayMillis=60000 (Warden.reconfigure)", e.getMessage());
    assertUnchanged(name);
  }

  @Test
  void anUnknownNameIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reconfigure("rc.nobody", "burst", "3"));
    assertEquals("No Warden guard named 'rc.nobody' exists: a guard exists once its method has been called"
        + " (Warden.names() lists them)", e.getMessage());
  }

  @Test
  void nullsAreRefusedByName() {
    declareAll("rc.null");
    assertEquals("the guard name is null",
        assertThrows(NullPointerException.class, () -> reconfigure(null, "burst", "3")).getMessage());
    assertEquals("the attribute is null",
        assertThrows(NullPointerException.class, () -> reconfigure("rc.null", null, "3")).getMessage());
    assertEquals("the value of burst is null",
        assertThrows(NullPointerException.class, () -> reconfigure("rc.null", "burst", null)).getMessage());
  }

  @Test
  void anAttributeThatIsNoNumberCannotChange() {
    String name = "rc.lists";
    declareAll(name);
    String canChange = "what can change: @Timeout millis; @Bulkhead maxConcurrent, maxWaitMillis; @Throttled"
        + " callsPerSecond, burst, maxWaitMillis; @Breaker failureThreshold, cooldownMillis, halfOpenCalls; @Retry"
        + " maxAttempts, delayMillis, multiplier, maxDelayMillis, jitter";
    for (String attribute : List.of("failOn", "ignore", "retryOn", "abortOn", "interrupt", "store", "onStoreFailure")) {
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> reconfigure(name, attribute, "x"));
      assertEquals("Invalid Warden override warden.rc.lists." + attribute + "=x (Warden.reconfigure): " + attribute
          + " cannot change at run time, only numbers can (set it in the annotation or as an override, and"
          + " restart); " + canChange, e.getMessage());
    }
    ConfigurationException unknown =
        assertThrows(ConfigurationException.class, () -> reconfigure(name, "speed", "3"));
    assertEquals("Invalid Warden override warden.rc.lists.speed=3 (Warden.reconfigure): unknown attribute 'speed'; "
        + canChange, unknown.getMessage());
    assertUnchanged(name);
  }

  @Test
  void anotherKindsNumberIsRefusedSayingWhatTheNameTakes() {
    registry.bulkhead("rc.bulkhead", BULKHEAD, "A#m", LOADER);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> reconfigure("rc.bulkhead", "burst", "3"));
    assertEquals("Invalid Warden override warden.rc.bulkhead.burst=3 (Warden.reconfigure): the guards named"
        + " 'rc.bulkhead' have no burst; what can change: @Bulkhead maxConcurrent, maxWaitMillis", e.getMessage());
    registry.stats("rc.counted", false, "A#m", LOADER);
    ConfigurationException counted =
        assertThrows(ConfigurationException.class, () -> reconfigure("rc.counted", "burst", "3"));
    assertEquals("Invalid Warden override warden.rc.counted.burst=3 (Warden.reconfigure): the guards named"
        + " 'rc.counted' have no burst; the guards named 'rc.counted' have no number that can change",
        counted.getMessage());
  }

  @Test
  void everyClassLoadersGuardOfTheNameChanges() {
    String name = "rc.loaders";
    ClassLoader other = new ClassLoader(null) {};
    ConcurrencyLimiter first = registry.bulkhead(name, BULKHEAD, "A#m", LOADER);
    ConcurrencyLimiter second = registry.bulkhead(name, new ConcurrencyLimiterConfig(4, 20), "B#m", other);
    assertNotSame(first, second);
    reconfigure(name, "maxConcurrent", "3");
    assertEquals(new ConcurrencyLimiterConfig(3, 20), first.config());
    assertEquals(new ConcurrencyLimiterConfig(3, 20), second.config());
  }

  @Test
  void aValueOneLoadersGuardRefusesChangesNoGuard() {
    String name = "rc.allOrNothing";
    ClassLoader other = new ClassLoader(null) {};
    RetryStats first = registry.retry(name, RETRY, "A#m", LOADER);
    RetryConfig slow = new RetryConfig(3, 5_000, 2.0, 30_000, 0.2, RETRY.retryOn(), RETRY.abortOn());
    RetryStats second = registry.retry(name, slow, "B#m", other);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> reconfigure(name, "maxDelayMillis", "2000"));
    assertEquals("Invalid Warden override warden.rc.allOrNothing.maxDelayMillis=2000 (Warden.reconfigure):"
        + " maxDelayMillis must be >= delayMillis (5000) and <= 4611686018427 (2^62 ns, about 146 years), got 2000",
        e.getMessage());
    assertSame(RETRY, first.config(), "valid for this one, but not for the other: neither changes");
    assertSame(slow, second.config());
  }

  @Test
  void aSharedBucketKeepsItsRateAndBurstAndNothingElseChangesEither() {
    String name = "rc.shared";
    FakeStore store = new FakeStore("fake://rc");
    RateLimiter local = registry.limiter(name, LIMITER, null, "A#m", LOADER);
    RateLimiter shared = registry.limiter(name, LIMITER,
        new StoreBinding(store, store.bucket(name, LIMITER), OnStoreFailure.LOCAL), "B#m", new ClassLoader(null) {});
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> reconfigure(name, "callsPerSecond", "20"));
    assertEquals("Invalid Warden override warden.rc.shared.callsPerSecond=20 (Warden.reconfigure): rate limiter"
        + " 'rc.shared' keeps its bucket in the shared store fake://rc, whose rate and burst every process bound to"
        + " it shares; only its maxWaitMillis can change at run time", e.getMessage());
    assertSame(LIMITER, local.config(), "all or nothing");
    reconfigure(name, "maxWaitMillis", "0");
    assertEquals(new RateLimiterConfig(50, 5, 0), local.config());
    assertEquals(new RateLimiterConfig(50, 5, 0), shared.config());
    assertThrows(IllegalArgumentException.class, () -> shared.reconfigure(new RateLimiterConfig(20, 5, 0)));
  }

  @Test
  void laterDeclarationsAreComparedWithTheDeclaredConfigurationSilently() {
    String name = "rc.declared";
    try (CapturedLog log = new CapturedLog()) {
      ConcurrencyLimiter created = registry.bulkhead(name, BULKHEAD, "A#m", LOADER);
      reconfigure(name, "maxConcurrent", "2");
      assertSame(created, registry.bulkhead(name, BULKHEAD, "A#n", LOADER));
      assertSame(created, registry.bulkhead(name, BULKHEAD, "B#m", new ClassLoader(null) {}),
          "another loader declaring the same shares it");
      assertEquals(List.of(), log.messages(Level.WARNING, name));
      assertEquals(List.of(), log.messages(Level.INFO, "replaces"));
      assertEquals(new ConcurrencyLimiterConfig(2, 20), created.config(), "the change stays");
      assertEquals(List.of("Warden guards reconfigured: warden.rc.declared.maxConcurrent=2 (Warden.reconfigure)"
          + " (@Bulkhead, 1 guard(s))"), log.messages(Level.INFO, name));
    }
  }
}
