package dev.warden.runtime.rules;

/**
 * Which methods an annotation written on a type applies to: each public, non-static method
 * declared in the type that has a body to guard or, in an interface, is implemented by a
 * delegate (abstract methods of an abstract class are skipped), and that the compiler did not
 * emit by itself (bridges, synthetic and mandated methods). A method's own annotation of the same
 * kind replaces the type's.
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class TypeLevel {

  private TypeLevel() {}

  /**
   * Whether an annotation on {@code method}'s declaring type applies to it.
   *
   * @param method a method
   * @return {@code true} if a type-level annotation applies to it
   */
  public static boolean appliesTo(MethodShape method) {
    MethodShape.Flags f = method.flags();
    return f.isPublic() && !f.isStatic() && !f.isBridge() && !f.isSynthetic()
        && !(f.isAbstract() && !f.inInterface());
  }

  /**
   * The declaration that applies to {@code method}: its own, else the type's if it applies.
   *
   * @param <D> the mode's representation of a declaration
   * @param own the method's own declaration of one kind, or {@code null}
   * @param onType its declaring type's declaration of that kind, or {@code null}
   * @param method the method
   * @return the declaration that applies, or {@code null}
   */
  public static <D> D choose(D own, D onType, MethodShape method) {
    return own != null ? own : onType != null && appliesTo(method) ? onType : null;
  }
}
