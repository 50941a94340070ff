package dev.warden.agent;

import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardEntries;
import dev.warden.runtime.rules.GuardEntry;
import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.MethodShape;
import dev.warden.runtime.rules.Overrides;
import dev.warden.runtime.rules.MethodRules;
import dev.warden.runtime.rules.TypeLevel;
import dev.warden.runtime.rules.TypeOracle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/**
 * Finds the methods of a type that carry Warden guards, by annotation or by guard entry, by the
 * shared rules ({@link TypeLevel}, {@link MethodRules#guardable}, {@link GuardEntries#applicable}),
 * and that have a body to weave (not abstract, not native, not a constructor). Each method's configuration is {@linkplain GuardedMethod#checked checked} as it is
 * found.
 *
 * <p>Stateless; thread-safe.
 */
final class GuardedMethods {

  private GuardedMethods() {}

  /**
   * The guarded methods declared in {@code type}, in declaration order; empty if none. A method
   * that Warden annotations apply to is guarded by them; else one that guard entries select is
   * guarded by theirs ({@link GuardEntries#applicable}), checked by the same rules. What became of
   * each entry is recorded in {@code configured}: superseded by annotations (warned), or skipped
   * (an abstract or native method, nothing selected, or every guard replaced by method entries);
   * that an entry guards a method is recorded by the caller, once the class is woven.
   *
   * @param pool describes the types the rules ask about
   * @param loader the loader defining {@code type}, whose {@code warden.properties} may override values
   * @param configured the guard entries of {@code type}, or {@code null} if none
   */
  static List<GuardedMethod> of(TypeDescription type, TypePool pool, ClassLoader loader, ConfiguredClass configured) {
    AnnotationList typeLevel = type.getDeclaredAnnotations();
    List<GuardedMethod> guarded = new ArrayList<>();
    List<MethodShape> declared = null;
    TypeOracle oracle = null;
    Overrides overrides = null;
    GuardEntry onType = configured == null ? null : configured.onType();
    List<MethodShape> replaced = new ArrayList<>(); // guardable methods onType selects, but contributes nothing to
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (!method.isMethod()) {
        continue;
      }
      MethodShape shape = ByteBuddyModel.shape(method);
      GuardEntry own = configured == null ? null : configured.own(shape);
      if (method.isAbstract() || method.isNative()) {
        if (own != null) {
          configured.skipped(own, shape, method.isNative()
              ? "is native: the agent weaves method bodies and a native method has none"
              : "is abstract: the agent weaves method bodies");
        }
        continue;
      }
      if (!MethodRules.guardable(shape)) {
        continue;
      }
      Map<GuardKind, GuardDeclaration> applied = applicable(method, shape, typeLevel, type);
      Map<GuardKind, GuardDeclaration> entries =
          own == null && onType == null ? Map.of() : GuardEntries.applicable(shape, own, onType);
      GuardEntry usedOwn = contributes(own, entries);
      GuardEntry usedOnType = contributes(onType, entries);
      if (!applied.isEmpty()) {
        for (GuardEntry entry : new GuardEntry[] {usedOwn, usedOnType}) {
          if (entry != null) {
            configured.superseded(entry, shape);
          }
        }
      } else if (!entries.isEmpty()) {
        applied = entries; // the entries are recorded as matched once the class is woven
      }
      if (onType != null && usedOnType == null && onType.selects(shape)) {
        replaced.add(shape);
      }
      if (!applied.isEmpty()) {
        if (declared == null) {
          declared = ByteBuddyModel.declared(type);
          oracle = ByteBuddyModel.oracle(pool);
          overrides = Overrides.read(loader);
        }
        boolean fromEntries = applied == entries;
        guarded.add(GuardedMethod.checked(method, shape, applied, declared, oracle, overrides,
            fromEntries ? usedOwn : null, fromEntries ? usedOnType : null));
      }
    }
    if (configured != null) {
      List<GuardEntry> pending = new ArrayList<>();
      for (GuardedMethod method : guarded) {
        pending.add(method.own());
        pending.add(method.onType());
      }
      configured.classSeen(declared == null ? ByteBuddyModel.declared(type) : declared, () -> inherited(type),
          pending, replaced);
    }
    return guarded;
  }

  /** {@code entry} if one of {@code entries} is its, else {@code null}. */
  private static GuardEntry contributes(GuardEntry entry, Map<GuardKind, GuardDeclaration> entries) {
    if (entry != null) {
      for (GuardDeclaration declaration : entries.values()) {
        if (declaration.equals(entry.guards().get(declaration.kind()))) {
          return entry;
        }
      }
    }
    return null;
  }

  /**
   * The methods {@code type}'s superclasses and interfaces declare, nearest first; only for a
   * report, so a supertype that cannot be described ends the search instead of failing the weave.
   */
  private static List<MethodShape> inherited(TypeDescription type) {
    List<MethodShape> methods = new ArrayList<>();
    List<TypeDescription> pending = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try {
      addSupertypes(type, pending);
      for (int i = 0; i < pending.size(); i++) {
        TypeDescription supertype = pending.get(i);
        if (seen.add(supertype.getName())) {
          methods.addAll(ByteBuddyModel.declared(supertype));
          addSupertypes(supertype, pending);
        }
      }
    } catch (RuntimeException cannotDescribe) {
      // e.g. a supertype missing from the class path: report with what was found
    }
    return methods;
  }

  private static void addSupertypes(TypeDescription type, List<TypeDescription> pending) {
    if (type.getSuperClass() != null) {
      pending.add(type.getSuperClass().asErasure());
    }
    for (TypeDescription.Generic implemented : type.getInterfaces()) {
      pending.add(implemented.asErasure());
    }
  }

  /**
   * The native methods of {@code type} that a Warden annotation applies to: they have no body to
   * weave, so they cannot be guarded.
   */
  static List<MethodDescription.InDefinedShape> nativeGuarded(TypeDescription type) {
    AnnotationList typeLevel = type.getDeclaredAnnotations();
    List<MethodDescription.InDefinedShape> found = new ArrayList<>();
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (method.isNative() && !applicable(method, ByteBuddyModel.shape(method), typeLevel, type).isEmpty()) {
        found.add(method);
      }
    }
    return found;
  }

  /** The declarations that apply to {@code method}: its own, else its type's where {@link TypeLevel} says so. */
  private static Map<GuardKind, GuardDeclaration> applicable(
      MethodDescription.InDefinedShape method, MethodShape shape, AnnotationList typeLevel, TypeDescription type) {
    Map<GuardKind, GuardDeclaration> applied = new EnumMap<>(GuardKind.class);
    for (GuardKind kind : GuardKind.values()) {
      GuardDeclaration chosen = TypeLevel.choose(
          declaration(method.getDeclaredAnnotations(), kind, shape.display()),
          declaration(typeLevel, kind, type.getName()),
          shape);
      if (chosen != null) {
        applied.put(kind, chosen);
      }
    }
    return applied;
  }

  private static GuardDeclaration declaration(AnnotationList annotations, GuardKind kind, String where) {
    AnnotationDescription found = annotations.ofType(kind.annotation());
    return found == null ? null : ByteBuddyModel.declaration(found, kind, where);
  }
}
