package dev.warden.agent;

import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.MethodShape;
import dev.warden.runtime.rules.Overrides;
import dev.warden.runtime.rules.MethodRules;
import dev.warden.runtime.rules.TypeLevel;
import dev.warden.runtime.rules.TypeOracle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/**
 * Finds the methods of a type that carry Warden guards, by the shared rules ({@link TypeLevel},
 * {@link MethodRules#guardable}), and that have a body to weave (not abstract, not native, not a
 * constructor). Each method's configuration is {@linkplain GuardedMethod#checked checked} as it is
 * found.
 *
 * <p>Stateless; thread-safe.
 */
final class GuardedMethods {

  private GuardedMethods() {}

  /**
   * The guarded methods declared in {@code type}, in declaration order; empty if none.
   *
   * @param pool describes the types the rules ask about
   * @param loader the loader defining {@code type}, whose {@code warden.properties} may override values
   */
  static List<GuardedMethod> of(TypeDescription type, TypePool pool, ClassLoader loader) {
    AnnotationList typeLevel = type.getDeclaredAnnotations();
    List<GuardedMethod> guarded = new ArrayList<>();
    List<MethodShape> declared = null;
    TypeOracle oracle = null;
    Overrides overrides = null;
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (!method.isMethod() || method.isAbstract() || method.isNative()) {
        continue;
      }
      MethodShape shape = ByteBuddyModel.shape(method);
      if (!MethodRules.guardable(shape)) {
        continue;
      }
      Map<GuardKind, GuardDeclaration> applied = applicable(method, shape, typeLevel, type);
      if (!applied.isEmpty()) {
        if (declared == null) {
          declared = ByteBuddyModel.declared(type);
          oracle = ByteBuddyModel.oracle(pool);
          overrides = Overrides.read(loader);
        }
        guarded.add(GuardedMethod.checked(method, shape, applied, declared, oracle, overrides));
      }
    }
    return guarded;
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
