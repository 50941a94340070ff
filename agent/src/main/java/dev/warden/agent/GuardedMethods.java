package dev.warden.agent;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Finds the methods of a type that carry Warden guards, by the rule of SPEC §2 (the same as the
 * runtime's): a method's own annotation, else its type's annotation of the same kind if the
 * method is public and not static. Methods without a body (abstract, native), constructors,
 * bridges and other synthetic methods are never woven. Each method's configuration is {@linkplain
 * GuardedMethod#checked checked} as it is found.
 *
 * <p>Stateless; thread-safe.
 */
final class GuardedMethods {

  private GuardedMethods() {}

  /**
   * The guarded methods declared in {@code type}, in declaration order; empty if none.
   *
   * @param loader the loader defining {@code type}, whose {@code warden.properties} may override values
   */
  static List<GuardedMethod> of(TypeDescription type, ClassLoader loader) {
    AnnotationList typeLevel = type.getDeclaredAnnotations();
    List<GuardedMethod> guarded = new ArrayList<>();
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (!method.isMethod() || method.isAbstract() || method.isNative() || method.isSynthetic()
          || method.isBridge()) {
        continue;
      }
      AnnotationList own = method.getDeclaredAnnotations();
      AnnotationList inherited = method.isPublic() && !method.isStatic() ? typeLevel : null;
      AnnotationDescription throttled = find(own, inherited, Throttled.class);
      AnnotationDescription breaker = find(own, inherited, Breaker.class);
      AnnotationDescription countCalls = find(own, inherited, CountCalls.class);
      if (throttled != null || breaker != null || countCalls != null) {
        guarded.add(new GuardedMethod(method, throttled, breaker, countCalls, null).checked(loader));
      }
    }
    return guarded;
  }

  private static AnnotationDescription find(
      AnnotationList own, AnnotationList inherited, Class<? extends Annotation> kind) {
    AnnotationDescription found = own.ofType(kind);
    return found == null && inherited != null ? inherited.ofType(kind) : found;
  }
}
