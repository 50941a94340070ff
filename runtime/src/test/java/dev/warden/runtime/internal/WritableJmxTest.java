package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.TimeoutConfig;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The numbers of the JMX beans: writable only for guards created while {@code
 * warden.jmx.writable=true} (the property is set around their creation only: the other tests of
 * this JVM see it unset), through the same checks and messages as {@code Warden.reconfigure}, and
 * read-only otherwise, saying how to enable them.
 */
class WritableJmxTest {

  private static final ClassLoader LOADER = WritableJmxTest.class.getClassLoader();
  private final GuardRegistry registry = Registries.create(new FakeTime());
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  private void declareAll(String name) {
    registry.limiter(name, new RateLimiterConfig(50, 5, 10), null, "A#m", LOADER);
    registry.breaker(name, CircuitBreakerConfig.defaults(), "A#m", LOADER);
    registry.bulkhead(name, new ConcurrencyLimiterConfig(8, 20), "A#m", LOADER);
    registry.timeout(name, new TimeoutConfig(800, true), "A#m", LOADER);
    registry.retry(name, RetryConfig.defaults(), "A#m", LOADER);
    registry.stats(name, false, "A#m", LOADER);
  }

  private void declareWritable(String name) {
    System.setProperty(GuardBean.WRITABLE, "true");
    try {
      declareAll(name);
    } finally {
      System.clearProperty(GuardBean.WRITABLE);
    }
  }

  private Map<String, Boolean> writability(String type, String name) throws Exception {
    Map<String, Boolean> writable = new HashMap<>();
    for (MBeanAttributeInfo info : server.getMBeanInfo(JmxExporter.objectName(type, name)).getAttributes()) {
      writable.put(info.getName(), info.isWritable());
    }
    return writable;
  }

  private void set(String type, String name, String attribute, Object value) throws Exception {
    server.setAttribute(JmxExporter.objectName(type, name), new Attribute(attribute, value));
  }

  @Test
  void withThePropertyEveryNumberIsWritableAndNothingElse() throws Exception {
    String name = "jmx.writable.all";
    declareWritable(name);
    Map<String, List<String>> numbers = Map.of(
        "Throttled", List.of("CallsPerSecond", "Burst", "MaxWaitMillis"),
        "Breaker", List.of("FailureThreshold", "CooldownMillis", "HalfOpenCalls"),
        "Bulkhead", List.of("MaxConcurrent", "MaxWaitMillis"),
        "Timeout", List.of("Millis"),
        "Retry", List.of("MaxAttempts", "DelayMillis", "Multiplier", "MaxDelayMillis", "Jitter"),
        "CountCalls", List.of());
    for (Map.Entry<String, List<String>> bean : numbers.entrySet()) {
      writability(bean.getKey(), name).forEach((attribute, writable) ->
          assertEquals(bean.getValue().contains(attribute), writable, bean.getKey() + "." + attribute));
    }
  }

  @Test
  void aWriteChangesTheGuardsOfTheBeansKindOnly() throws Exception {
    String name = "jmx.writable.kind";
    declareWritable(name);
    set("Throttled", name, "CallsPerSecond", 25.5);
    set("Throttled", name, "MaxWaitMillis", 0L);
    assertEquals(new RateLimiterConfig(25.5, 5, 0), registry.findLimiter(name).config());
    assertEquals(new ConcurrencyLimiterConfig(8, 20), registry.findBulkhead(name).config(),
        "the bulkhead of the name keeps its wait");
    set("Bulkhead", name, "MaxConcurrent", 3);
    assertEquals(3, server.getAttribute(JmxExporter.objectName("Bulkhead", name), "MaxConcurrent"));
    set("Breaker", name, "FailureThreshold", 2);
    set("Timeout", name, "Millis", 90L);
    set("Retry", name, "Jitter", 0.0);
    set("Retry", name, "MaxAttempts", "4"); // a generic client may send text
    assertEquals(2, registry.findBreaker(name).config().failureThreshold());
    assertEquals(90, registry.findTimeout(name).config().millis());
    assertEquals(0.0, registry.findRetry(name).config().jitter());
    assertEquals(4, registry.findRetry(name).config().maxAttempts());
  }

  @Test
  void aRejectedWriteCarriesTheMessageOfWardenReconfigure() throws Exception {
    String name = "jmx.writable.bad";
    declareWritable(name);
    InvalidAttributeValueException e =
        assertThrows(InvalidAttributeValueException.class, () -> set("Bulkhead", name, "MaxConcurrent", 0));
    assertEquals("Invalid Warden override warden.jmx.writable.bad.maxConcurrent=0 (JMX): maxConcurrent must be"
        + " >= 1, got 0", e.getMessage());
    assertNull(e.getCause(), "no runtime type a remote client could not load");
    InvalidAttributeValueException notNumber =
        assertThrows(InvalidAttributeValueException.class, () -> set("Throttled", name, "Burst", List.of(3)));
    assertEquals("Attribute Burst of @Throttled guard jmx.writable.bad takes a number, got [3]",
        notNumber.getMessage());
    assertEquals(8, registry.findBulkhead(name).maxConcurrent());
    AttributeList list = new AttributeList();
    list.add(new Attribute("MaxConcurrent", 4));
    list.add(new Attribute("MaxWaitMillis", -1L));
    list.add(new Attribute("Waiting", 1));
    AttributeList set = server.setAttributes(JmxExporter.objectName("Bulkhead", name), list);
    assertEquals(List.of(new Attribute("MaxConcurrent", 4)), set.asList(), "only what was set");
    assertEquals(new ConcurrencyLimiterConfig(4, 20), registry.findBulkhead(name).config());
  }

  @Test
  void withoutThePropertyTheNumbersAreReadOnlyAndSaySo() throws Exception {
    String name = "jmx.readonly";
    declareAll(name);
    assertFalse(writability("Bulkhead", name).containsValue(true));
    AttributeNotFoundException e =
        assertThrows(AttributeNotFoundException.class, () -> set("Bulkhead", name, "MaxConcurrent", 3));
    assertEquals("Attribute MaxConcurrent of @Bulkhead guard jmx.readonly is read-only; start the JVM with"
        + " -Dwarden.jmx.writable=true to change guard numbers over JMX", e.getMessage());
    AttributeNotFoundException state =
        assertThrows(AttributeNotFoundException.class, () -> set("Breaker", name, "State", "OPEN"));
    assertEquals("Attribute State of @Breaker guard jmx.readonly is read-only", state.getMessage());
    assertEquals(8, registry.findBulkhead(name).maxConcurrent());
    assertTrue(server.getMBeanInfo(JmxExporter.objectName("Bulkhead", name)).getAttributes().length > 0);
    assertEquals(8, server.getAttribute(new ObjectName(JmxExporter.objectName("Bulkhead", name).toString()),
        "MaxConcurrent"));
  }
}
