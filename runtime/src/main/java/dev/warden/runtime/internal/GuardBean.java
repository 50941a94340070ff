package dev.warden.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanConstructorInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;

/**
 * The JMX view of one guard: attributes read from the guard when asked; its numbers are writable
 * if the bean was made writable (system property {@value #WRITABLE} {@code =true} when the guard
 * was created), read-only otherwise. A dynamic MBean, so that the MBean server calls only {@link
 * DynamicMBean} and never reflects on a type of the runtime: the runtime's module need not export
 * its internals for JMX. A rejected write is an {@link InvalidAttributeValueException} carrying
 * only the message (a JMX client need not know the runtime's exception types).
 *
 * <p>Attributes are added while it is built, before registration; thread-safe from then on.
 */
final class GuardBean implements DynamicMBean {

  /** The system property that makes the numbers of beans created afterwards writable. */
  static final String WRITABLE = "warden.jmx.writable";

  private final String description;
  private final boolean writable;
  private final Map<String, Supplier<Object>> readers = new LinkedHashMap<>();
  private final Map<String, Consumer<String>> writers = new LinkedHashMap<>();
  private final Map<String, MBeanAttributeInfo> infos = new LinkedHashMap<>();

  /**
   * A bean without attributes yet.
   *
   * @param description what it shows, e.g. {@code @Throttled guard partner-api}
   * @param writable whether its {@linkplain #addNumber numbers} can be written
   */
  GuardBean(String description, boolean writable) {
    this.description = description;
    this.writable = writable;
  }

  /** Adds the read-only attribute {@code name}, of the primitive, {@code String} or {@code String[]} {@code type}. */
  GuardBean add(String name, String what, Class<?> type, Supplier<?> reader) {
    return add(name, what, type, reader, null);
  }

  /**
   * Adds the numeric attribute {@code name}, which {@code writer} changes (given the value as text)
   * if the bean is writable.
   */
  GuardBean addNumber(String name, String what, Class<?> type, Supplier<?> reader, Consumer<String> writer) {
    return add(name, what, type, reader, writer);
  }

  @SuppressWarnings("unchecked")
  private GuardBean add(String name, String what, Class<?> type, Supplier<?> reader, Consumer<String> writer) {
    readers.put(name, (Supplier<Object>) reader);
    if (writer != null) {
      writers.put(name, writer);
    }
    infos.put(name, new MBeanAttributeInfo(name, type.getName(), what, true, writable && writer != null, false));
    return this;
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    Supplier<Object> reader = readers.get(attribute);
    if (reader == null) {
      throw new AttributeNotFoundException("No attribute " + attribute + " in " + description);
    }
    return reader.get();
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    AttributeList list = new AttributeList();
    for (String attribute : attributes) {
      Supplier<Object> reader = readers.get(attribute);
      if (reader != null) {
        list.add(new Attribute(attribute, reader.get()));
      }
    }
    return list;
  }

  @Override
  public void setAttribute(Attribute attribute) throws AttributeNotFoundException, InvalidAttributeValueException {
    String name = attribute.getName();
    Consumer<String> writer = writers.get(name);
    if (writer == null || !writable) {
      if (!readers.containsKey(name)) {
        throw new AttributeNotFoundException("No attribute " + name + " in " + description);
      }
      throw new AttributeNotFoundException("Attribute " + name + " of " + description + " is read-only"
          + (writer == null ? "" : "; start the JVM with -D" + WRITABLE + "=true to change guard numbers over JMX"));
    }
    Object value = attribute.getValue();
    if (!(value instanceof Number || value instanceof String)) {
      throw new InvalidAttributeValueException(
          "Attribute " + name + " of " + description + " takes a number, got " + value);
    }
    try {
      writer.accept(String.valueOf(value));
    } catch (IllegalArgumentException e) { // a ConfigurationException: the message names key, value and rule
      throw new InvalidAttributeValueException(e.getMessage());
    }
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    AttributeList set = new AttributeList();
    for (Attribute attribute : attributes.asList()) {
      try {
        setAttribute(attribute);
        set.add(new Attribute(attribute.getName(), getAttribute(attribute.getName())));
      } catch (AttributeNotFoundException | InvalidAttributeValueException e) {
        // JMX reports an attribute that was not set by leaving it out of the answer
      }
    }
    return set;
  }

  @Override
  public Object invoke(String action, Object[] params, String[] signature) throws ReflectionException {
    throw new ReflectionException(new NoSuchMethodException(action), description + " has no operation " + action);
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return new MBeanInfo(GuardBean.class.getName(), description, infos.values().toArray(new MBeanAttributeInfo[0]),
        new MBeanConstructorInfo[0], new MBeanOperationInfo[0], new MBeanNotificationInfo[0]);
  }
}
