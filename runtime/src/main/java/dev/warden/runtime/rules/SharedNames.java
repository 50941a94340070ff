package dev.warden.runtime.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared names: declarations of one kind that create a guard of the same name (an explicit {@code
 * name}, or the default name shared by overloads) must agree on its configuration.
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class SharedNames {

  private SharedNames() {}

  /**
   * The error if {@code declaration} on {@code method} disagrees with {@code first} on {@code
   * firstMethod}, both of one kind and guard name {@code name}; {@code null} if they agree.
   *
   * @param declaration a declaration
   * @param method the method it applies to
   * @param first the first declaration seen under the same name
   * @param firstMethod the method {@code first} applies to
   * @param name the shared guard name
   * @return the error message, or {@code null}
   */
  public static String conflict(
      GuardDeclaration declaration, String method, GuardDeclaration first, String firstMethod, String name) {
    List<String> differences = new ArrayList<>();
    for (String attribute : declaration.kind().configAttributes()) {
      Object mine = declaration.value(attribute);
      Object theirs = first.value(attribute);
      if (!mine.equals(theirs)) {
        differences.add(attribute + "=" + mine + " vs " + theirs);
      }
    }
    return differences.isEmpty()
        ? null
        : Messages.sharedNameConflict(declaration.kind(), name, method, firstMethod, differences);
  }
}
