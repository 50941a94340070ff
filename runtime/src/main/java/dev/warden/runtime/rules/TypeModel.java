package dev.warden.runtime.rules;

/**
 * A {@link TypeOracle} over one mode's type model ({@code T}: a {@code Class}, a type mirror, a
 * type description): the rules' answers are written here once, each mode supplies the few
 * primitive questions its model answers.
 *
 * <p>As thread-safe as the model. Not for application code.
 *
 * @param <T> the model's type representation
 */
public abstract class TypeModel<T> implements TypeOracle {

  /** For subclasses. */
  protected TypeModel() {}

  /**
   * The type named {@code name}.
   *
   * @param name a class, interface, primitive or {@code void}; no array
   * @return the type, or {@code null} if it cannot be found
   */
  protected abstract T find(String name);

  /**
   * The array type of {@code component}.
   *
   * @param component the component type
   * @return the array type
   */
  protected abstract T arrayOf(T component);

  /**
   * Whether {@code type} is {@code void}.
   *
   * @param type a type
   * @return {@code true} for {@code void}
   */
  protected abstract boolean isVoid(T type);

  /**
   * Whether {@code type} is a primitive type.
   *
   * @param type a type
   * @return {@code true} for a primitive
   */
  protected abstract boolean isPrimitive(T type);

  /**
   * Whether reference type {@code from} is {@code to} or a subtype of it, by the erased types.
   *
   * @param from a reference type
   * @param to a reference type
   * @return {@code true} if {@code from} is {@code to} or a subtype
   */
  protected abstract boolean isSubtype(T from, T to);

  /**
   * Whether {@code type} is an interface or an abstract class.
   *
   * @param type a type
   * @return {@code true} if it is abstract
   */
  protected abstract boolean isAbstractType(T type);

  /**
   * Whether {@code type} has a public constructor without parameters.
   *
   * @param type a type
   * @return {@code true} if it has one
   */
  protected abstract boolean hasPublicNoArgConstructorType(T type);

  @Override
  public final boolean exists(String name) {
    return type(name) != null;
  }

  @Override
  public final boolean isAssignable(String from, String to) {
    T f = type(from);
    T t = type(to);
    if (f == null || t == null || isVoid(f) || isVoid(t)) {
      return false;
    }
    return isPrimitive(f) || isPrimitive(t) ? from.equals(to) : isSubtype(f, t);
  }

  @Override
  public final boolean isAbstract(String name) {
    T type = type(name);
    return type != null && isAbstractType(type);
  }

  @Override
  public final boolean hasPublicNoArgConstructor(String name) {
    T type = type(name);
    return type != null && hasPublicNoArgConstructorType(type);
  }

  /**
   * The type named {@code name} as {@link Class#getTypeName()} writes it (arrays included).
   *
   * @param name a type name
   * @return the type, or {@code null} if it cannot be found
   */
  public final T type(String name) {
    if (name.endsWith("[]")) {
      T component = type(name.substring(0, name.length() - 2));
      return component == null ? null : arrayOf(component);
    }
    return find(name);
  }
}
