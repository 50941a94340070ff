package dev.warden.runtime.rules;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attributes of one kind's annotation type, read from the annotation type itself: their
 * types and their default values (class arrays as type names, as {@link Reflection#declaration}
 * reads them), so that a guard entry's values equal those of the equivalent annotation.
 *
 * <p>Immutable; thread-safe.
 */
final class AnnotationAttributes {

  private final Map<String, Method> attributes;

  private AnnotationAttributes(Map<String, Method> attributes) {
    this.attributes = attributes;
  }

  static AnnotationAttributes of(GuardKind kind) {
    Map<String, Method> attributes = new TreeMap<>();
    for (Method m : kind.annotation().getDeclaredMethods()) {
      if (!Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && m.getParameterCount() == 0) {
        attributes.put(m.getName(), m);
      }
    }
    return new AnnotationAttributes(attributes);
  }

  /** {@return the attribute names, sorted} */
  List<String> names() {
    return List.copyOf(attributes.keySet());
  }

  /** {@return the type of {@code attribute}'s value, e.g. {@code int.class}; {@code null} if there is no such attribute} */
  Class<?> type(String attribute) {
    Method m = attributes.get(attribute);
    return m == null ? null : m.getReturnType();
  }

  /** {@return the attributes that have no default and are not in {@code written}, sorted} */
  List<String> missing(Map<String, Object> written) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Method> attribute : attributes.entrySet()) {
      if (attribute.getValue().getDefaultValue() == null && !written.containsKey(attribute.getKey())) {
        missing.add(attribute.getKey());
      }
    }
    return missing;
  }

  /** {@return every attribute's value: {@code written}, else the default} */
  Map<String, Object> withDefaults(Map<String, Object> written) {
    Map<String, Object> values = new HashMap<>();
    for (Map.Entry<String, Method> attribute : attributes.entrySet()) {
      Object value = attribute.getValue().getDefaultValue();
      if (value != null) {
        values.put(attribute.getKey(), value instanceof Class<?>[] types ? Reflection.typeNames(types) : value);
      }
    }
    values.putAll(written);
    return values;
  }
}
