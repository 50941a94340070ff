package dev.warden.runtime.rules;

/**
 * Guard names: the explicit {@code name}, else the default {@code <binary class name>#<method>}
 * of the method the annotation applies to (overloads share it).
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class GuardNames {

  private GuardNames() {}

  /**
   * The name of the guard {@code declaration} creates for {@code method}.
   *
   * @param declaration the declaration that applies to the method
   * @param method the guarded method
   * @return the explicit name, or the method's default name
   */
  public static String of(GuardDeclaration declaration, MethodShape method) {
    String name = declaration.name();
    return name.isEmpty() ? method.display() : name;
  }
}
