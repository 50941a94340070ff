package dev.warden.runtime.rules;

/**
 * Guard names: the explicit {@code name}, else the default {@code <binary class name>#<method>}
 * of the method the annotation applies to (overloads share it).
 *
 * <p>Stateless; thread-safe.
 */
public final class GuardNames {

  private GuardNames() {}

  /** The name of the guard {@code declaration} creates for {@code method}. */
  public static String of(GuardDeclaration declaration, MethodShape method) {
    String name = declaration.name();
    return name.isEmpty() ? method.display() : name;
  }
}
