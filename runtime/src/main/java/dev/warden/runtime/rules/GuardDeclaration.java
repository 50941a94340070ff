package dev.warden.runtime.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * One Warden annotation as plain data: its kind, where it is written and its attribute values,
 * defaults included. Values are {@link Number}s for numeric attributes, {@link Boolean}s for
 * {@code interrupt}, {@link String}s for {@code name} and {@code fallback}, and lists of type
 * names for the class-array attributes ({@code failOn}, {@code ignore}, {@code retryOn}, {@code
 * abortOn}). A declaration with {@linkplain Overrides#apply overrides applied} remembers, per
 * overridden attribute, the key, text and source it came from, so that messages name them. A
 * {@linkplain #configured(GuardKind, String, Map) configured} declaration comes from a guard entry the java agent read
 * (see {@link GuardEntries}) rather than from an annotation the compiler checked.
 *
 * <p>Immutable; thread-safe. Not for application code.
 *
 * @param kind the annotation
 * @param where the element the annotation is written on: {@code com.acme.Foo#charge} for a method,
 *     {@code com.acme.Foo} for a type; for a configured declaration the entry's selector and
 *     source, e.g. {@code com.acme.Foo#charge(int) in /etc/guards.properties}
 * @param values attribute name to value
 * @param overridden attribute name to the override that replaced its value; empty if none
 * @param configured whether it comes from a guard entry: then nothing checked its class names
 */
public record GuardDeclaration(
    GuardKind kind,
    String where,
    Map<String, Object> values,
    Map<String, Override> overridden,
    boolean configured) {

  /**
   * Where an overridden value came from.
   *
   * @param key the full key, e.g. {@code warden.com.acme.Foo#charge.burst}
   * @param text the value as written
   * @param source {@code system property}, or the location of the overrides resource
   */
  public record Override(String key, String text, String source) {}

  /**
   * Copies the maps.
   *
   * @param kind the annotation
   * @param where the element the annotation is written on
   * @param values attribute name to value
   * @param overridden attribute name to the override that replaced its value
   * @param configured whether it comes from a guard entry
   */
  public GuardDeclaration {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(where, "where");
    values = Map.copyOf(values);
    overridden = Map.copyOf(overridden);
  }

  /**
   * A declaration as written, without overrides.
   *
   * @param kind the annotation
   * @param where the element the annotation is written on
   * @param values attribute name to value
   */
  public GuardDeclaration(GuardKind kind, String where, Map<String, Object> values) {
    this(kind, where, values, Map.of(), false);
  }

  /**
   * A declaration read from a guard entry, without overrides.
   *
   * @param kind the guard
   * @param where the entry's selector and source
   * @param values attribute name to value, every attribute included, of the annotation's types
   * @return the declaration
   */
  public static GuardDeclaration configured(GuardKind kind, String where, Map<String, Object> values) {
    return new GuardDeclaration(kind, where, values, Map.of(), true);
  }

  /** {@return the explicit {@code name}, or {@code ""}} */
  public String name() {
    return (String) value("name");
  }

  /** {@return the {@code fallback} method name, or {@code ""} (also for kinds without fallback)} */
  public String fallback() {
    return kind.hasFallback() ? (String) value("fallback") : "";
  }

  /**
   * The value of {@code attribute}.
   *
   * @param attribute an attribute name
   * @return its value
   * @throws IllegalArgumentException if the declaration has no value for it
   */
  public Object value(String attribute) {
    Object value = values.get(attribute);
    if (value == null) {
      throw new IllegalArgumentException(kind.display() + " on " + where + " has no value for " + attribute);
    }
    return value;
  }

  double doubleValue(String attribute) {
    return ((Number) value(attribute)).doubleValue();
  }

  int intValue(String attribute) {
    return ((Number) value(attribute)).intValue();
  }

  long longValue(String attribute) {
    return ((Number) value(attribute)).longValue();
  }

  boolean booleanValue(String attribute) {
    return (Boolean) value(attribute);
  }

  /**
   * The type names of a class-array attribute.
   *
   * @param attribute a class-array attribute: {@code failOn}, {@code ignore}, {@code retryOn} or {@code abortOn}
   * @return the names of the types it lists
   */
  @SuppressWarnings("unchecked")
  public List<String> typeNames(String attribute) {
    return (List<String>) value(attribute);
  }

  GuardDeclaration with(String attribute, Object value, Override source) {
    Map<String, Object> newValues = new HashMap<>(values);
    newValues.put(attribute, value);
    Map<String, Override> newOverridden = new TreeMap<>(overridden); // messages list them in a stable order
    newOverridden.put(attribute, source);
    return new GuardDeclaration(kind, where, newValues, newOverridden, configured);
  }
}
