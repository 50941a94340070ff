package dev.warden.runtime.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared names between guard entries: two entries whose declarations of one kind create a guard of
 * the same name must agree on its configuration, as annotations sharing a name must (see {@link
 * SharedNames}). A method entry's declaration is named by its {@code name}, else by the default
 * {@code <class>#<method>}, so entries for overloads of one method share a name unless given one;
 * a class-level entry's declaration only by an explicit {@code name} (its default name depends on
 * the method it applies to). Every entry is known at start-up, so the java agent refuses to start
 * on a conflict rather than letting whichever method is called first decide.
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class EntryConflicts {

  private EntryConflicts() {}

  /**
   * Why {@code entry} cannot be used together with {@code earlier}: the problem with the first
   * declaration of {@code entry} that shares its guard name with a declaration of {@code earlier}
   * of the same kind but has a different configuration; {@code null} if there is none.
   *
   * @param entry an entry
   * @param earlier an entry read before it
   * @return the problem, naming both entries and what differs, or {@code null}
   */
  public static String conflict(GuardEntry entry, GuardEntry earlier) {
    for (GuardDeclaration declaration : entry.guards().values()) {
      GuardDeclaration other = earlier.guards().get(declaration.kind());
      String name = name(entry, declaration);
      if (other == null || name == null || !name.equals(name(earlier, other))) {
        continue;
      }
      String conflict = SharedNames.conflict(declaration, entry.selector(), other,
          "'" + earlier.line() + "' (" + earlier.source() + ")", name);
      if (conflict != null) {
        return conflict + "; give one a name=\"...\" of its own or make them agree";
      }
    }
    return null;
  }

  /**
   * The guard names {@code entry}'s declarations create wherever they apply; only an entry that
   * creates one of them can {@linkplain #conflict conflict} with it, unless both name methods of
   * one class (for overlaps).
   *
   * @param entry an entry
   * @return its guard names, without those that depend on the method (a class-level entry's
   *     default names)
   */
  public static List<String> names(GuardEntry entry) {
    List<String> names = new ArrayList<>(entry.guards().size());
    for (GuardDeclaration declaration : entry.guards().values()) {
      String name = name(entry, declaration);
      if (name != null && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** The guard name {@code declaration} of {@code entry} creates wherever it applies, or {@code null} if that depends on the method. */
  private static String name(GuardEntry entry, GuardDeclaration declaration) {
    if (!declaration.name().isEmpty()) {
      return declaration.name();
    }
    return entry.classLevel() ? null : entry.className() + "#" + entry.methodName();
  }
}
