package dev.warden.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds a top-level type of the wrapper's own package that the wrapper cannot name: a signature it
 * copies uses it, but a member type the wrapper inherits (from the wrapped type or a supertype)
 * has the same simple name and hides it, and JavaPoet writes same-package types by simple name.
 * (Imported and {@code java.lang} types are named in full instead; see {@link WrapperGenerator}.)
 */
final class HiddenTypes {

  private final Elements elements;
  private final Types types;

  HiddenTypes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The message for the first hidden type the copied signatures use, or {@code null}. */
  String find(TypeElement type, List<ExecutableElement> copied, Names names) {
    Map<String, TypeElement> members = new HashMap<>();
    memberTypes(type.asType(), members, new HashSet<>());
    if (members.isEmpty()) {
      return null;
    }
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    for (ExecutableElement e : copied) {
      // The wrapper names the declaring class too: in the site's class literal, or as delegate type.
      TypeElement declaring = (TypeElement) e.getEnclosingElement();
      String where = e.getKind() == ElementKind.CONSTRUCTOR ? "A constructor of " + names.binary(declaring) : names.owner(e);
      if (hides((DeclaredType) declaring.asType(), members, pkg)) {
        return message(where, declaring, members);
      }
      ExecutableType signature = e.getKind() == ElementKind.CONSTRUCTOR
          ? (ExecutableType) e.asType() : (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), e);
      DeclaredType hidden = TypeWalk.find(signature, d -> hides(d, members, pkg));
      if (hidden != null) {
        return message(where, (TypeElement) hidden.asElement(), members);
      }
    }
    return null;
  }

  private static String message(String where, TypeElement used, Map<String, TypeElement> members) {
    TypeElement member = members.get(used.getSimpleName().toString());
    return where + " uses " + used.getQualifiedName() + ", which the generated wrapper cannot name: inside it,"
        + " the member type " + member.getQualifiedName() + " hides it; rename one of the two types";
  }

  private boolean hides(DeclaredType used, Map<String, TypeElement> members, String pkg) {
    TypeElement element = (TypeElement) used.asElement();
    TypeElement member = members.get(element.getSimpleName().toString());
    return member != null && !member.equals(element) && element.getNestingKind() == NestingKind.TOP_LEVEL
        && elements.getPackageOf(element).getQualifiedName().contentEquals(pkg);
  }

  private void memberTypes(TypeMirror type, Map<String, TypeElement> members, Set<TypeElement> seen) {
    if (!(type instanceof DeclaredType declared) || !seen.add((TypeElement) declared.asElement())) {
      return;
    }
    for (TypeElement nested : ElementFilter.typesIn(declared.asElement().getEnclosedElements())) {
      members.putIfAbsent(nested.getSimpleName().toString(), nested);
    }
    for (TypeMirror supertype : new ArrayList<>(types.directSupertypes(type))) {
      memberTypes(supertype, members, seen);
    }
  }
}
