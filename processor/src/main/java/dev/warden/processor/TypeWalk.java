package dev.warden.processor;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Visits every class or interface type a type mentions (itself, array components, type
 * arguments, wildcard and type-variable bounds), erroneous ones included. Stateless.
 */
final class TypeWalk {

  private TypeWalk() {}

  /** The first declared type in {@code signature} (parameters, return, throws, type parameters) that {@code test} accepts. */
  static DeclaredType find(ExecutableType signature, Predicate<DeclaredType> test) {
    Set<Element> seen = new HashSet<>();
    for (TypeMirror t : signature.getParameterTypes()) {
      DeclaredType found = find(t, test, seen);
      if (found != null) {
        return found;
      }
    }
    for (TypeMirror t : signature.getThrownTypes()) {
      DeclaredType found = find(t, test, seen);
      if (found != null) {
        return found;
      }
    }
    for (TypeMirror t : signature.getTypeVariables()) {
      DeclaredType found = find(t, test, seen);
      if (found != null) {
        return found;
      }
    }
    return find(signature.getReturnType(), test, seen);
  }

  /** The first declared type within {@code type} that {@code test} accepts, or {@code null}. */
  static DeclaredType find(TypeMirror type, Predicate<DeclaredType> test) {
    return find(type, test, new HashSet<>());
  }

  private static DeclaredType find(TypeMirror type, Predicate<DeclaredType> test, Set<Element> seen) {
    if (type instanceof DeclaredType declared) {
      if (test.test(declared)) {
        return declared;
      }
      for (TypeMirror argument : declared.getTypeArguments()) {
        DeclaredType found = find(argument, test, seen);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (type instanceof ArrayType array) {
      return find(array.getComponentType(), test, seen);
    }
    if (type instanceof WildcardType wildcard) {
      DeclaredType found = wildcard.getExtendsBound() == null ? null : find(wildcard.getExtendsBound(), test, seen);
      return found != null || wildcard.getSuperBound() == null ? found : find(wildcard.getSuperBound(), test, seen);
    }
    if (type instanceof TypeVariable variable && seen.add(variable.asElement())) {
      return find(variable.getUpperBound(), test, seen);
    }
    if (type instanceof IntersectionType intersection) {
      for (TypeMirror bound : intersection.getBounds()) {
        DeclaredType found = find(bound, test, seen);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
