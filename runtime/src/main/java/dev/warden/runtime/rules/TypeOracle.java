package dev.warden.runtime.rules;

/**
 * Answers the rules' questions about types, named as {@link Class#getTypeName()} names them, in
 * the model of one mode (reflection, {@code javax.lang.model} or Byte Buddy).
 *
 * <p>Implementations need not be thread-safe unless their model is.
 */
public interface TypeOracle {

  /** Whether type {@code name} can be found. */
  boolean exists(String name);

  /**
   * Whether a value of type {@code from} can be used as a {@code to} without conversion: the same
   * type, or (for reference types) a subtype by the erased types. A primitive is assignable only to
   * itself; nothing is assignable to or from {@code void}.
   */
  boolean isAssignable(String from, String to);

  /** Whether {@code name} is an interface or an abstract class. */
  boolean isAbstract(String name);

  /** Whether {@code name} has a public constructor without parameters. */
  boolean hasPublicNoArgConstructor(String name);

  /** Whether {@code name} exists and is a {@link Throwable}. */
  default boolean isThrowable(String name) {
    return exists(name) && isAssignable(name, Throwable.class.getName());
  }
}
