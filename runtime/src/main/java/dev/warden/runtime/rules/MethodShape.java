package dev.warden.runtime.rules;

import java.util.List;

/**
 * A method as the rules see it: names of its declaring, parameter and return types (erased) and
 * its modifiers.
 *
 * <p>Immutable; thread-safe. Not for application code.
 *
 * @param declaringType binary name of the declaring type, e.g. {@code com.acme.Outer$Inner}
 * @param name the method name
 * @param parameterTypes erased parameter type names
 * @param returnType erased return type name ({@code void} for none)
 * @param flags the method's and its declaring type's properties that the rules use
 */
public record MethodShape(
    String declaringType, String name, List<String> parameterTypes, String returnType, Flags flags) {

  /**
   * The properties of a method the rules use.
   *
   * @param isStatic {@code static}
   * @param isPublic {@code public}
   * @param isAbstract {@code abstract} (no body)
   * @param isNative {@code native}
   * @param isSynchronized {@code synchronized}
   * @param isBridge a bridge method emitted by the compiler
   * @param isSynthetic emitted by the compiler and not written in the source (bridges included), or
   *     mandated by the language without being written (e.g. record accessors)
   * @param isVarargs variable arity
   * @param inInterface the declaring type is an interface
   * @param inAbstractType the declaring type is an abstract class (or an interface)
   */
  public record Flags(
      boolean isStatic,
      boolean isPublic,
      boolean isAbstract,
      boolean isNative,
      boolean isSynchronized,
      boolean isBridge,
      boolean isSynthetic,
      boolean isVarargs,
      boolean inInterface,
      boolean inAbstractType) {}

  /**
   * Copies the parameter list.
   *
   * @param declaringType binary name of the declaring type
   * @param name the method name
   * @param parameterTypes erased parameter type names
   * @param returnType erased return type name
   * @param flags the properties the rules use
   */
  public MethodShape {
    parameterTypes = List.copyOf(parameterTypes);
  }

  /** {@return {@code <declaring type>#<name>}: how messages name the method, and its default guard name} */
  public String display() {
    return declaringType + "#" + name;
  }

  /**
   * {@return {@code <declaring type>#<name>(<parameter types>)}, e.g. {@code
   * com.acme.Client#send(java.lang.String, int)}: how messages tell overloads apart}
   */
  public String signature() {
    return display() + parameterList();
  }

  /** {@code (java.lang.String, int)}: the parameter types as messages write them. */
  String parameterList() {
    return "(" + String.join(", ", parameterTypes) + ")";
  }
}
