package dev.warden.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Checks a {@code fallback} attribute at compile time with the rules the runtime applies when it
 * resolves it (SPEC §3): a method of the same class with the same (erased) parameter types,
 * optionally plus one trailing parameter able to receive the rejection; a return type assignable
 * to the guarded method's; static when the guarded method is static.
 */
final class FallbackValidator {

  private final Types types;
  private final Reporter reporter;

  FallbackValidator(Types types, Reporter reporter) {
    this.types = types;
    this.reporter = reporter;
  }

  void validate(GuardedMethod guarded, Declaration d, String where) {
    if (!d.kind().hasFallback() || d.string("fallback").isEmpty()) {
      return;
    }
    String name = d.string("fallback");
    ExecutableElement method = guarded.method();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String prefix = "Invalid " + d.kind().display() + "(fallback=\"" + name + "\") on " + where + ": ";
    List<TypeMirror> params = erasures(method.getParameters());
    Set<String> receivers = d.kind().rejectionReceivers();
    List<ExecutableElement> fitting = new ArrayList<>();
    for (ExecutableElement candidate : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (candidate.getSimpleName().contentEquals(name) && fits(erasures(candidate.getParameters()), params, receivers)) {
        fitting.add(candidate);
      }
    }
    if (fitting.isEmpty()) {
      reporter.error(d, "fallback", prefix + "no method " + name + "(" + join(params)
          + ") (optionally with a trailing parameter that accepts " + d.kind().rejectionName() + ") in "
          + owner.getQualifiedName());
      return;
    }
    for (ExecutableElement candidate : fitting) {
      if (!returnFits(candidate.getReturnType(), method.getReturnType())) {
        reporter.error(d, "fallback", prefix + "fallback " + name + " returns " + candidate.getReturnType()
            + ", which is not assignable to " + method.getReturnType());
        return;
      }
      if (method.getModifiers().contains(Modifier.STATIC) && !candidate.getModifiers().contains(Modifier.STATIC)) {
        reporter.error(d, "fallback", prefix + "the guarded method is static, so fallback " + name + " must be static");
        return;
      }
    }
  }

  private boolean fits(List<TypeMirror> own, List<TypeMirror> params, Set<String> receivers) {
    if (own.size() == params.size()) {
      return same(own, params);
    }
    return own.size() == params.size() + 1
        && same(own.subList(0, params.size()), params)
        && receivers.contains(own.get(params.size()).toString());
  }

  private boolean same(List<TypeMirror> a, List<TypeMirror> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!types.isSameType(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** As the runtime: void takes anything; primitives must match; references by erased subtyping. */
  private boolean returnFits(TypeMirror fallback, TypeMirror guarded) {
    if (guarded.getKind() == TypeKind.VOID) {
      return true;
    }
    TypeMirror f = types.erasure(fallback);
    TypeMirror g = types.erasure(guarded);
    if (f.getKind().isPrimitive() || g.getKind().isPrimitive() || f.getKind() == TypeKind.VOID) {
      return types.isSameType(f, g);
    }
    return types.isAssignable(f, g);
  }

  private List<TypeMirror> erasures(List<? extends VariableElement> parameters) {
    return parameters.stream().map(p -> types.erasure(p.asType())).collect(Collectors.toList());
  }

  private static String join(List<TypeMirror> types) {
    return types.stream().map(TypeMirror::toString).collect(Collectors.joining(", "));
  }
}
