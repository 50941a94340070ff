package dev.warden.runtime.rules;

import dev.warden.runtime.ConfigurationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All rules for one guarded method, in the order the runtime and the agent apply them, so both
 * find the same first problem: the return type, then per guard from the outside in ({@code
 * @Retry}, {@code @Breaker}, {@code @Throttled}, {@code @Bulkhead}, {@code @Timeout}) its overrides, values and fallback, then the overrides under
 * the method's default name.
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class MethodRules {

  private static final List<GuardKind> ORDER =
      List.of(GuardKind.RETRY, GuardKind.BREAKER, GuardKind.THROTTLED, GuardKind.BULKHEAD, GuardKind.TIMEOUT, GuardKind.COUNT_CALLS);

  private MethodRules() {}

  /**
   * A method whose configuration passed every rule.
   *
   * @param method the method
   * @param declarations the applicable declarations with overrides applied, by kind
   * @param names the guard name per kind
   * @param fallbacks the resolved fallback per kind that names one
   * @param async whether the method returns a {@code CompletionStage}
   */
  public record Checked(
      MethodShape method,
      Map<GuardKind, GuardDeclaration> declarations,
      Map<GuardKind, String> names,
      Map<GuardKind, MethodShape> fallbacks,
      boolean async) {}

  /**
   * Whether a method can be guarded at all: compiler-emitted bridges and synthetic methods never are.
   *
   * @param method the method
   * @return {@code true} if it may be guarded
   */
  public static boolean guardable(MethodShape method) {
    return !method.flags().isBridge() && !method.flags().isSynthetic();
  }

  /**
   * Checks {@code method} with the declarations that apply to it.
   *
   * @param method the guarded method
   * @param applied the applicable declaration per kind (see {@link TypeLevel#choose})
   * @param declared the methods declared in the method's type (fallback candidates)
   * @param oracle answers questions about the types involved
   * @param overrides the configuration overrides to apply
   * @return the checked method with its effective declarations, names and fallbacks
   * @throws ConfigurationException the first problem
   */
  public static Checked check(
      MethodShape method,
      Map<GuardKind, GuardDeclaration> applied,
      List<MethodShape> declared,
      TypeOracle oracle,
      Overrides overrides) {
    AsyncReturn.check(method, oracle);
    Map<GuardKind, GuardDeclaration> effective = new EnumMap<>(GuardKind.class);
    Map<GuardKind, String> names = new EnumMap<>(GuardKind.class);
    Map<GuardKind, MethodShape> fallbacks = new EnumMap<>(GuardKind.class);
    for (GuardKind kind : ORDER) {
      GuardDeclaration declaration = applied.get(kind);
      if (declaration == null) {
        continue;
      }
      String name = GuardNames.of(declaration, method);
      GuardDeclaration withOverrides = overrides.apply(declaration, name);
      Values.check(withOverrides, oracle);
      MethodShape fallback = Fallbacks.resolve(withOverrides, method, declared, oracle);
      effective.put(kind, withOverrides);
      names.put(kind, name);
      if (fallback != null) {
        fallbacks.put(kind, fallback);
      }
    }
    overrides.rejectUnknownAttributes(method.display());
    return new Checked(method, effective, names, fallbacks, AsyncReturn.isAsync(method, oracle));
  }

  /**
   * Warnings for overrides under the method's names that no guard of it uses (see {@link
   * Overrides#ineffective}).
   *
   * @param checked the checked method
   * @param overrides the overrides it was checked with
   * @return one message per unused override; empty if none
   */
  public static List<String> ineffectiveOverrides(Checked checked, Overrides overrides) {
    Map<String, Set<GuardKind>> kindsByName = new LinkedHashMap<>();
    kindsByName.put(checked.method().display(), new HashSet<>());
    checked.names().forEach((kind, name) -> kindsByName.computeIfAbsent(name, n -> new HashSet<>()).add(kind));
    List<String> warnings = new ArrayList<>();
    kindsByName.forEach((name, kinds) -> warnings.addAll(overrides.ineffective(name, kinds, checked.method().display())));
    return warnings;
  }
}
