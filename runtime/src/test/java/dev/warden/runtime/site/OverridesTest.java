package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.Warden;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Overrides from system properties and from the test resource {@code warden.properties}: the
 * system property wins over the file, either wins over the annotation, and every bad value is an
 * error naming the key and the value.
 */
class OverridesTest {

  static class Api {
    @Throttled(name = "overrides.sys", callsPerSecond = 1)
    void sys() {}

    @Throttled(name = "overrides.file", callsPerSecond = 1)
    void file() {}

    @Throttled(name = "overrides.both", callsPerSecond = 1)
    void both() {}

    @Breaker(name = "overrides.failon", failOn = Error.class)
    void failOn() {}

    @Breaker(name = "overrides.breaker", failureThreshold = 9)
    void breaker() {}

    @Throttled(name = "overrides.badfile", callsPerSecond = 1)
    void badFile() {}

    @Throttled(name = "overrides.typo", callsPerSecond = 1)
    void typo() {}

    @Throttled(name = "overrides.prefix", callsPerSecond = 1)
    void prefix() {}

    @Throttled(name = "overrides.prefix.eu", callsPerSecond = 1)
    void prefixEu() {}

    @Throttled(name = "overrides.bad.callsPerSecond", callsPerSecond = 1)
    @Breaker(name = "overrides.bad.callsPerSecond")
    void badRate() {}

    @Throttled(name = "overrides.bad.burst", callsPerSecond = 1)
    void badBurst() {}

    @Throttled(name = "overrides.bad.burstRange", callsPerSecond = 1)
    void badBurstRange() {}

    @Throttled(name = "overrides.bad.maxWait", callsPerSecond = 1)
    void badMaxWait() {}

    @Breaker(name = "overrides.bad.threshold")
    void badThreshold() {}

    @Breaker(name = "overrides.bad.cooldown")
    void badCooldown() {}

    @Breaker(name = "overrides.bad.failOn")
    void badFailOn() {}

    @Breaker(name = "overrides.bad.ignore")
    void badIgnore() {}

    @Breaker(name = "overrides.bad.unknown")
    void badUnknown() {}
  }

  private final List<String> properties = new ArrayList<>();

  private void set(String key, String value) {
    System.setProperty(key, value);
    properties.add(key);
  }

  @AfterEach
  void clearProperties() {
    properties.forEach(System::clearProperty);
  }

  private static RateLimiterConfig limiter(String method, String name) {
    GuardSite.forMethod(Api.class, method);
    return Warden.rateLimiter(name).orElseThrow().config();
  }

  @Test
  void systemPropertyOverridesTheAnnotation() {
    set("warden.overrides.sys.callsPerSecond", "5.5");
    set("warden.overrides.sys.maxWaitMillis", " 250 ");
    RateLimiterConfig config = limiter("sys", "overrides.sys");
    assertEquals(5.5, config.callsPerSecond());
    assertEquals(250, config.maxWaitMillis());
    assertEquals(1, config.burst(), "not overridden");
  }

  @Test
  void fileOverridesTheAnnotation() {
    assertEquals(7, limiter("file", "overrides.file").burst());
  }

  @Test
  void systemPropertyWinsOverTheFile() {
    set("warden.overrides.both.burst", "4");
    assertEquals(4, limiter("both", "overrides.both").burst());
  }

  @Test
  void throwableListsAreOverriddenByClassName() {
    GuardSite.forMethod(Api.class, "failOn");
    CircuitBreakerConfig config = Warden.breaker("overrides.failon").orElseThrow().config();
    assertEquals(List.of(IOException.class, IllegalStateException.class), config.failOn());
    assertEquals(List.of(FileNotFoundException.class), config.ignore());
  }

  @Test
  void breakerAttributesAreOverridden() {
    set("warden.overrides.breaker.failureThreshold", "2");
    set("warden.overrides.breaker.cooldownMillis", "0");
    set("warden.overrides.breaker.halfOpenCalls", "3");
    GuardSite.forMethod(Api.class, "breaker");
    CircuitBreakerConfig config = Warden.breaker("overrides.breaker").orElseThrow().config();
    assertEquals(2, config.failureThreshold());
    assertEquals(0, config.cooldownMillis());
    assertEquals(3, config.halfOpenCalls());
  }

  @Test
  void aGuardWhoseNameExtendsAnotherDoesNotReadItsKeys() {
    assertEquals(2, limiter("prefix", "overrides.prefix").burst());
    assertEquals(9, limiter("prefixEu", "overrides.prefix.eu").burst());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "badRate       | warden.overrides.bad.callsPerSecond.callsPerSecond | fast               | not a number",
    "badRate       | warden.overrides.bad.callsPerSecond.callsPerSecond | 0                  | callsPerSecond must be finite and > 0",
    "badRate       | warden.overrides.bad.callsPerSecond.callsPerSecond | NaN                | callsPerSecond must be finite and > 0",
    "badBurst      | warden.overrides.bad.burst.burst                   | 2.5                | not an integer",
    "badBurst      | warden.overrides.bad.burst.burst                   | 3000000000         | not an integer",
    "badBurstRange | warden.overrides.bad.burstRange.burst              | 0                  | burst must be >= 1",
    "badMaxWait    | warden.overrides.bad.maxWait.maxWaitMillis         | -7                 | maxWaitMillis must be >= 0",
    "badThreshold  | warden.overrides.bad.threshold.failureThreshold    | 0                  | failureThreshold must be >= 1",
    "badCooldown   | warden.overrides.bad.cooldown.cooldownMillis       | soon               | not an integer",
    "badFailOn     | warden.overrides.bad.failOn.failOn                 | com.acme.Missing   | class com.acme.Missing not found",
    "badIgnore     | warden.overrides.bad.ignore.ignore                 | java.lang.String   | java.lang.String is not a Throwable",
    "badUnknown    | warden.overrides.bad.unknown.threshold             | 3                  | unknown attribute 'threshold'",
  })
  void anInvalidSystemPropertyIsAnErrorNamingKeyAndValue(String method, String key, String value, String problem) {
    set(key, value);
    ConfigurationException e = assertThrows(ConfigurationException.class, GuardSite.forMethod(Api.class, method)::enter);
    assertTrue(e.getMessage().contains(key + "=" + value), e.getMessage());
    assertTrue(e.getMessage().contains("system property"), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertEquals(key.substring(key.lastIndexOf('.') + 1), e.attribute());
    assertEquals(value, e.value());
  }

  @Test
  void anInvalidFileValueIsAnErrorNamingKeyValueAndFile() {
    ConfigurationException e = assertThrows(ConfigurationException.class, GuardSite.forMethod(Api.class, "badFile")::enter);
    assertTrue(e.getMessage().contains("warden.overrides.badfile.maxWaitMillis=-1"), e.getMessage());
    assertTrue(e.getMessage().contains("warden.properties"), e.getMessage());
    assertEquals("maxWaitMillis", e.attribute());
  }

  /**
   * Defect 9: a {@code warden.properties} that {@code Properties.load} rejects ({@code \\u12}) is
   * the usual error naming the file, not an IllegalArgumentException escaping site creation.
   */
  @Test
  void aMalformedFileIsAnErrorNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("warden.properties");
    java.nio.file.Files.writeString(file, "warden.overrides.malformed.burst=\\u12\n");
    Class<?> copy = copyWithOverridesFile(Malformed.class, file);
    GuardSite site = GuardSite.forMethod(copy, "m");
    ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
    assertTrue(e.getMessage().startsWith("Invalid Warden overrides file " + file.toUri().toURL() + ": Malformed"),
        e.getMessage());
    assertEquals("warden.properties", e.attribute());
  }

  /**
   * Review R4: guard entries in a child loader's {@code warden.properties} (Spring Boot's {@code
   * BOOT-INF/classes}, a web application's {@code WEB-INF/classes}) are applied by nobody; the
   * runtime, which reads that file for overrides, says so once per file.
   */
  @Test
  void guardEntriesInAChildLoadersFileAreReportedOnceAsNotApplied(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("warden.properties");
    java.nio.file.Files.writeString(file, String.join("\n",
        "warden.overrides.stray.burst = 2",
        "com.acme.sdk.Search = @CountCalls",
        "com.acme.sdk.Client#send(java.lang.String, int) = @Throttled(callsPerSecond=5)",
        "com.acme.sdk.Client#fetch = @CountCalls",
        "com.acme.sdk.Client#close = @CountCalls", ""));
    Class<?> copy = copyWithOverridesFile(Stray.class, file);
    try (CapturedLog log = new CapturedLog()) {
      GuardSite.forMethod(copy, "m");
      GuardSite.forMethod(copy, "n");
      assertEquals(List.of("Warden overrides file " + file.toUri().toURL() + " holds guard entries that are not"
          + " applied (com.acme.sdk.Client#close, com.acme.sdk.Client#fetch, com.acme.sdk.Client#send(…),"
          + " and 1 more): the java agent reads guard entries only from its config= file and from the"
          + " warden.properties of the system class loader; move them there"),
          log.messages(java.util.logging.Level.WARNING, file.toUri().toURL().toString()));
    }
    assertEquals(2, Warden.rateLimiter("overrides.stray").orElseThrow().config().burst(), "overrides still apply");
  }

  /** Review R4: a child loader's file holding overrides only is not reported. */
  @Test
  void aChildLoadersFileWithOverridesOnlyIsNotReported(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("warden.properties");
    java.nio.file.Files.writeString(file, "warden.overrides.strayless.burst = 2\n");
    Class<?> copy = copyWithOverridesFile(Strayless.class, file);
    try (CapturedLog log = new CapturedLog()) {
      GuardSite.forMethod(copy, "m");
      assertEquals(List.of(), log.messages(java.util.logging.Level.WARNING, "warden.properties"));
    }
    assertEquals(2, Warden.rateLimiter("overrides.strayless").orElseThrow().config().burst());
  }

  /** Loaded again by a loader whose {@code warden.properties} holds guard entries. */
  static class Stray {
    @Throttled(name = "overrides.stray", callsPerSecond = 1)
    void m() {}

    @Throttled(name = "overrides.stray", callsPerSecond = 1)
    void n() {}
  }

  /** Loaded again by a loader whose {@code warden.properties} holds overrides only. */
  static class Strayless {
    @Throttled(name = "overrides.strayless", callsPerSecond = 1)
    void m() {}
  }

  /**
   * Review (minor parser oddities): an override's number is a plain decimal, as in a guard entry;
   * Java's parsing also took type suffixes, hex floats, a leading {@code +} and non-ASCII digits.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "badRate    | warden.overrides.bad.callsPerSecond.callsPerSecond | 5d     | not a number",
    "badRate    | warden.overrides.bad.callsPerSecond.callsPerSecond | 5f     | not a number",
    "badRate    | warden.overrides.bad.callsPerSecond.callsPerSecond | 0x10p0 | not a number",
    "badRate    | warden.overrides.bad.callsPerSecond.callsPerSecond | +5     | not a number",
    "badBurst   | warden.overrides.bad.burst.burst                   | +3     | not an integer",
    "badBurst   | warden.overrides.bad.burst.burst                   | \u0663 | not an integer",
    "badMaxWait | warden.overrides.bad.maxWait.maxWaitMillis         | 0x10   | not an integer",
  })
  void aNumberIsAPlainDecimal(String method, String key, String value, String problem) {
    anInvalidSystemPropertyIsAnErrorNamingKeyAndValue(method, key, value, problem);
  }

  /** Loaded again by a loader whose {@code warden.properties} is malformed. */
  static class Malformed {
    @Throttled(name = "overrides.malformed", callsPerSecond = 1)
    void m() {}
  }

  @Test
  void anUnknownFileKeyIsAnError() {
    ConfigurationException e = assertThrows(ConfigurationException.class, GuardSite.forMethod(Api.class, "typo")::enter);
    assertTrue(e.getMessage().contains("warden.overrides.typo.burts=3"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown attribute 'burts'"), e.getMessage());
  }

  /**
   * A copy of {@code type} defined by a child loader whose {@code warden.properties} is {@code
   * file}, as a web application's or a Spring Boot application's classes are.
   */
  private static Class<?> copyWithOverridesFile(Class<?> type, java.nio.file.Path file) throws Exception {
    ClassLoader loader = new ClassLoader(OverridesTest.class.getClassLoader()) {
      @Override
      public java.net.URL getResource(String name) {
        try {
          return name.equals("warden.properties") ? file.toUri().toURL() : super.getResource(name);
        } catch (java.net.MalformedURLException e) {
          throw new AssertionError(e);
        }
      }

      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(type.getName())) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> loaded = findLoadedClass(name);
          if (loaded == null) {
            byte[] bytes;
            try (var in = type.getResourceAsStream(type.getName().substring(type.getPackageName().length() + 1) + ".class")) {
              bytes = in.readAllBytes();
            } catch (IOException e) {
              throw new ClassNotFoundException(name, e);
            }
            loaded = defineClass(name, bytes, 0, bytes.length);
          }
          return loaded;
        }
      }
    };
    return loader.loadClass(type.getName());
  }
}
