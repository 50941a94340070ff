package dev.warden.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanConstructorInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;

/**
 * The JMX view of one guard: read-only attributes, each read from the guard when asked. A dynamic
 * MBean, so that the MBean server calls only {@link DynamicMBean} and never reflects on a type of
 * the runtime: the runtime's module need not export its internals for JMX.
 *
 * <p>Attributes are added while it is built, before registration; thread-safe from then on.
 */
final class GuardBean implements DynamicMBean {

  private final String description;
  private final Map<String, Supplier<Object>> readers = new LinkedHashMap<>();
  private final Map<String, MBeanAttributeInfo> infos = new LinkedHashMap<>();

  GuardBean(String description) {
    this.description = description;
  }

  /** Adds the attribute {@code name}, of the primitive, {@code String} or {@code String[]} {@code type}. */
  @SuppressWarnings("unchecked")
  GuardBean add(String name, String what, Class<?> type, Supplier<?> reader) {
    readers.put(name, (Supplier<Object>) reader);
    infos.put(name, new MBeanAttributeInfo(name, type.getName(), what, true, false, false));
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
  public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
    throw new AttributeNotFoundException("Attribute " + attribute.getName() + " of " + description + " is read-only");
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
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
