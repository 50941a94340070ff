package dev.warden.processor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Finds what keeps a type from being judged yet: a guarded signature (or a supertype, or a type
 * parameter bound) that mentions a type that does not exist (perhaps another processor generates
 * it in a later round), or a Warden annotation value the compiler could not resolve. Stateless.
 */
final class MissingTypes {

  /**
   * What is missing, and where to report it if it never appears.
   *
   * @param declaration the annotation with an erroneous value, or {@code null} for a missing type
   * @param attribute that value's attribute, or {@code null}
   */
  record Problem(Element element, Declaration declaration, String attribute, String message) {}

  private final Names names;

  MissingTypes(Names names) {
    this.names = names;
  }

  /** The first problem of {@code type}, if any. */
  Optional<Problem> find(TypeElement type, Collection<Declaration> onType, List<GuardedMethod> guarded) {
    String where = names.binary(type);
    Optional<Problem> problem = inValues(onType, where);
    if (problem.isEmpty()) {
      problem = inSupertypes(type, where);
    }
    for (GuardedMethod g : guarded) {
      if (problem.isPresent()) {
        break;
      }
      problem = inValues(g.declarations().stream().filter(d -> d.owner().equals(g.method())).toList(),
          names.method(g.method()));
      if (problem.isEmpty()) {
        problem = inSignature(g.method());
      }
    }
    return problem;
  }

  private Optional<Problem> inSupertypes(TypeElement type, String where) {
    List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
    supertypes.add(type.getSuperclass());
    type.getTypeParameters().forEach(p -> supertypes.addAll(p.getBounds()));
    for (TypeMirror t : supertypes) {
      DeclaredType missing = TypeWalk.find(t, MissingTypes::isError);
      if (missing != null) {
        return Optional.of(new Problem(type, null, null, message(where, missing)));
      }
    }
    return Optional.empty();
  }

  private Optional<Problem> inSignature(ExecutableElement method) {
    DeclaredType missing = TypeWalk.find((ExecutableType) method.asType(), MissingTypes::isError);
    return missing == null ? Optional.empty()
        : Optional.of(new Problem(method, null, null, message(names.method(method), missing)));
  }

  private static boolean isError(DeclaredType type) {
    return type.getKind() == TypeKind.ERROR;
  }

  private static String message(String where, TypeMirror missing) {
    return where + " mentions " + missing + ", a type that does not exist: no source declares it and no"
        + " annotation processor generated it, so the processor cannot generate a wrapper";
  }

  private static Optional<Problem> inValues(Collection<Declaration> declarations, String where) {
    for (Declaration d : declarations) {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : d.mirror().getElementValues().entrySet()) {
        if (erroneous(e.getKey().getReturnType(), e.getValue())) {
          String attribute = e.getKey().getSimpleName().toString();
          String written = e.getValue().toString().contains("<error>") ? "" : "=" + e.getValue();
          return Optional.of(new Problem(d.owner(), d, attribute, "Invalid " + d.kind().display() + "(" + attribute
              + written + ") on " + where + ": the value cannot be resolved to a constant of type "
              + e.getKey().getReturnType()));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the compiler could not resolve {@code value} to a constant of {@code expected}. */
  private static boolean erroneous(TypeMirror expected, AnnotationValue value) {
    Object v = value.getValue();
    // javac's stand-ins for values it could not resolve.
    if (v == null || value.getClass().getName().endsWith("Attribute$Error")
        || value.getClass().getName().endsWith("Attribute$UnresolvedClass")) {
      return true;
    }
    if (expected instanceof ArrayType array) {
      if (!(v instanceof List<?> items)) {
        return erroneous(array.getComponentType(), value);
      }
      return items.stream().anyMatch(item -> erroneous(array.getComponentType(), (AnnotationValue) item));
    }
    return switch (expected.getKind()) {
      case DOUBLE, FLOAT, INT, LONG, SHORT, BYTE -> !(v instanceof Number);
      case BOOLEAN -> !(v instanceof Boolean);
      case CHAR -> !(v instanceof Character);
      case DECLARED -> isString(expected) ? !(v instanceof String)
          : isClass(expected) ? !(v instanceof TypeMirror t) || t.getKind() == TypeKind.ERROR : false;
      default -> false;
    };
  }

  private static boolean isString(TypeMirror type) {
    return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals("java.lang.String");
  }

  private static boolean isClass(TypeMirror type) {
    return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals("java.lang.Class");
  }
}
