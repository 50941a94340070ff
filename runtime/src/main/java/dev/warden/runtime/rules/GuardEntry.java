package dev.warden.runtime.rules;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One guard entry of the java agent's configuration, parsed by {@link GuardEntries}: a selector
 * (a class, one of its methods with all overloads, or one overload) and the guards it applies, as
 * configured declarations. A class-level entry applies like an annotation on the type (see
 * {@link TypeLevel}).
 *
 * <p>Immutable; thread-safe. Not for application code.
 *
 * @param className binary name of the class, e.g. {@code com.acme.Outer$Inner}
 * @param methodName the method name; {@code null} for a class-level entry
 * @param parameterTypes the parameter type names of the one overload selected, as {@link
 *     Class#getTypeName()} writes them; {@code null} for all overloads (and class-level entries)
 * @param guards the configured declaration per kind
 * @param line the entry as one line, {@code <selector> = <guards>}: {@link GuardEntries#parseLine}
 *     parses it to an equal entry
 * @param source where the entry was read, e.g. the path of the configuration file
 */
public record GuardEntry(
    String className,
    String methodName,
    List<String> parameterTypes,
    Map<GuardKind, GuardDeclaration> guards,
    String line,
    String source) {

  /**
   * Copies the list and the map.
   *
   * @param className binary name of the class
   * @param methodName the method name, or {@code null}
   * @param parameterTypes the parameter type names, or {@code null}
   * @param guards the configured declaration per kind
   * @param line the entry as one line
   * @param source where the entry was read
   */
  public GuardEntry {
    Objects.requireNonNull(className, "className");
    parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
    guards = Collections.unmodifiableMap(new EnumMap<>(guards));
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(source, "source");
  }

  /** {@return whether the entry names a class only, so that it applies like a type-level annotation} */
  public boolean classLevel() {
    return methodName == null;
  }

  /**
   * Whether the entry selects {@code method}: a method entry the methods of its name (and
   * parameter types, if given) declared in its class; a class-level entry the methods of its class
   * a type-level annotation applies to.
   *
   * @param method a method
   * @return {@code true} if the entry selects it
   */
  public boolean selects(MethodShape method) {
    if (!method.declaringType().equals(className)) {
      return false;
    }
    if (classLevel()) {
      return TypeLevel.appliesTo(method);
    }
    return method.name().equals(methodName)
        && (parameterTypes == null || parameterTypes.equals(method.parameterTypes()));
  }

  /** {@return the selector as written in {@link #line()}, e.g. {@code com.acme.Client#send(java.lang.String, int)}} */
  public String selector() {
    return selector(className, methodName, parameterTypes);
  }

  /** {@return the selector and the source, e.g. {@code com.acme.Client#send in /etc/guards.properties}: the {@link GuardDeclaration#where()} of its guards} */
  public String where() {
    return where(selector(), source);
  }

  static String selector(String className, String methodName, List<String> parameterTypes) {
    if (methodName == null) {
      return className;
    }
    String method = className + "#" + methodName;
    return parameterTypes == null ? method : method + "(" + String.join(", ", parameterTypes) + ")";
  }

  static String where(String selector, String source) {
    return selector + " in " + source;
  }
}
