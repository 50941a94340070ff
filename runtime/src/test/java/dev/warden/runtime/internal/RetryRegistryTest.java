package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.FakeTime;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.Warden;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** {@code @Retry} guards in the registry, in {@code Warden} and over JMX. */
class RetryRegistryTest {

  private static final RetryConfig CONFIG = new RetryConfig(4, 200, 1.5, 5_000, 0.1,
      List.of(IOException.class, TimeoutException.class), List.of(FileNotFoundException.class));

  @Test
  void oneGuardPerNameFoundByTheRegistryAndWarden() {
    GuardRegistry registry = GuardRegistry.instance();
    assertNull(registry.findRetry("retry-registry.shared"));
    assertTrue(Warden.retry("retry-registry.shared").isEmpty());

    RetryStats first = registry.retry("retry-registry.shared", CONFIG, "A#a", null);
    assertSame(first, registry.retry("retry-registry.shared", CONFIG, "A#b", null), "one guard per name");
    assertSame(first, registry.findRetry("retry-registry.shared"));
    assertSame(first, Warden.retry("retry-registry.shared").orElseThrow());
    assertEquals("retry-registry.shared", first.name());
    assertEquals(CONFIG, first.config());
    assertTrue(Warden.names().contains("retry-registry.shared"));
  }

  @Test
  void aSecondConfigurationUnderTheNameKeepsTheFirstAndWarnsNamingBothMethods() {
    GuardRegistry registry = new GuardRegistry(new FakeTime(), new JmxExporter());
    RetryConfig other = new RetryConfig(2, 200, 1.5, 5_000, 0.1, List.of(Exception.class), List.of());
    List<String> warnings = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger("dev.warden");
    logger.addHandler(capture);
    try {
      RetryStats first = registry.retry("retry-registry.conflict", CONFIG, "A#first", null);
      assertSame(first, registry.retry("retry-registry.conflict", other, "A#second", null));
    } finally {
      logger.removeHandler(capture);
    }
    assertEquals(List.of("@Retry guard 'retry-registry.conflict' is declared by A#second with " + other
        + " but A#first created it first with " + CONFIG + "; keeping the first"), warnings);
  }

  @Test
  void anotherLoadersDifferentConfigurationGetsAGuardOfItsOwnWhichLookupsShow() throws Exception {
    GuardRegistry registry = new GuardRegistry(new FakeTime(), new JmxExporter());
    RetryConfig other = new RetryConfig(2, 0, 1.0, 0, 0, List.of(Exception.class), List.of());
    try (URLClassLoader appA = new URLClassLoader(new URL[0]);
        URLClassLoader appB = new URLClassLoader(new URL[0])) {
      RetryStats a = registry.retry("retry-registry.loaders", CONFIG, "A#m", appA);
      RetryStats b = registry.retry("retry-registry.loaders", other, "B#m", appB);
      assertNotSame(a, b);
      assertSame(b, registry.findRetry("retry-registry.loaders"));
      assertSame(a, registry.retry("retry-registry.loaders", CONFIG, "A#n", appA));
    }
  }

  @Test
  void jmxShowsConfigurationAndCounters() throws Exception {
    RetryStats stats = GuardRegistry.instance().retry("retry-registry.jmx", CONFIG, "J#m", null);
    stats.recordRetry();
    stats.recordRetry();
    stats.recordRetry();
    stats.recordSuccessAfterRetry();
    stats.recordExhausted();
    stats.recordExhausted();
    ObjectName name = new ObjectName("dev.warden:type=Retry,name=\"retry-registry.jmx\"");
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    assertEquals("retry-registry.jmx", server.getAttribute(name, "Name"));
    assertEquals(4, server.getAttribute(name, "MaxAttempts"));
    assertEquals(200L, server.getAttribute(name, "DelayMillis"));
    assertEquals(1.5, server.getAttribute(name, "Multiplier"));
    assertEquals(5_000L, server.getAttribute(name, "MaxDelayMillis"));
    assertEquals(0.1, server.getAttribute(name, "Jitter"));
    assertArrayEquals(new String[] {"java.io.IOException", "java.util.concurrent.TimeoutException"},
        (String[]) server.getAttribute(name, "RetryOn"));
    assertArrayEquals(new String[] {"java.io.FileNotFoundException"}, (String[]) server.getAttribute(name, "AbortOn"));
    assertEquals(3L, server.getAttribute(name, "Retries"));
    assertEquals(1L, server.getAttribute(name, "SuccessesAfterRetry"));
    assertEquals(2L, server.getAttribute(name, "Exhausted"));

    List<String> attributes = new ArrayList<>();
    for (MBeanAttributeInfo info : server.getMBeanInfo(name).getAttributes()) {
      attributes.add(info.getName() + ":" + info.getType());
    }
    assertEquals(List.of("Name:java.lang.String", "MaxAttempts:int", "DelayMillis:long", "Multiplier:double",
        "MaxDelayMillis:long", "Jitter:double", "RetryOn:[Ljava.lang.String;", "AbortOn:[Ljava.lang.String;",
        "Retries:long", "SuccessesAfterRetry:long", "Exhausted:long"), attributes);
  }

  @Test
  void emptyThrowableListsAreEmptyArrays() throws Exception {
    GuardRegistry.instance().retry("retry-registry.empty", RetryConfig.defaults(), "E#m", null);
    ObjectName name = new ObjectName("dev.warden:type=Retry,name=\"retry-registry.empty\"");
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    assertArrayEquals(new String[] {"java.lang.Exception"}, (String[]) server.getAttribute(name, "RetryOn"));
    assertArrayEquals(new String[0], (String[]) server.getAttribute(name, "AbortOn"));
  }
}
