package dev.warden.runtime.rules;

/**
 * Answers the rules' questions about types, named as {@link Class#getTypeName()} names them, in
 * the model of one mode (reflection, {@code javax.lang.model} or Byte Buddy).
 *
 * <p>Implementations need not be thread-safe unless their model is. Not for application code.
 */
public interface TypeOracle {

  /**
   * Whether type {@code name} can be found.
   *
   * @param name a type name
   * @return {@code true} if it exists
   */
  boolean exists(String name);

  /**
   * Whether a value of type {@code from} can be used as a {@code to} without conversion: the same
   * type, or (for reference types) a subtype by the erased types. A primitive is assignable only to
   * itself; nothing is assignable to or from {@code void}.
   *
   * @param from a type name
   * @param to a type name
   * @return {@code true} if {@code from} is assignable to {@code to}
   */
  boolean isAssignable(String from, String to);

  /**
   * Whether {@code name} is an interface or an abstract class.
   *
   * @param name a type name
   * @return {@code true} if it is abstract
   */
  boolean isAbstract(String name);

  /**
   * Whether {@code name} has a public constructor without parameters.
   *
   * @param name a type name
   * @return {@code true} if it has one
   */
  boolean hasPublicNoArgConstructor(String name);

  /**
   * Whether {@code name} exists and is a {@link Throwable}.
   *
   * @param name a type name
   * @return {@code true} if it is a throwable type
   */
  default boolean isThrowable(String name) {
    return exists(name) && isAssignable(name, Throwable.class.getName());
  }
}
