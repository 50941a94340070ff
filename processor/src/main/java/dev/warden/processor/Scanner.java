package dev.warden.processor;

import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.TypeLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Finds the guarded methods declared in a type: a method's own annotation of a kind, else the
 * type's annotation of that kind where the shared {@link TypeLevel} rule applies it.
 */
final class Scanner {

  private final Elements elements;
  private final JavacModel model;

  Scanner(Elements elements, JavacModel model) {
    this.elements = elements;
    this.model = model;
  }

  /**
   * @param onType the declarations written on {@code type} itself (see {@link #declarations})
   */
  List<GuardedMethod> scan(TypeElement type, Map<GuardKind, Declaration> onType) {
    List<GuardedMethod> guarded = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Map<GuardKind, Declaration> own = declarations(method);
      List<Declaration> applied = new ArrayList<>();
      for (GuardKind kind : GuardKind.values()) {
        Declaration d = TypeLevel.choose(own.get(kind), onType.get(kind), model.shape(method));
        if (d != null) {
          applied.add(d);
        }
      }
      if (!applied.isEmpty()) {
        guarded.add(new GuardedMethod(method, List.copyOf(applied)));
      }
    }
    return guarded;
  }

  // ---- Inherited guarded methods (kept apart from the declared-method rules above) ----

  /**
   * The guarded methods {@code type} inherits and does not override (neither it nor a supertype
   * in between): those declared in its superclasses, or, for an interface, its superinterfaces;
   * from source or from compiled classes alike. A class wrapper also takes guarded default
   * methods of interfaces. Skipped: abstract methods of a class (no body to guard) and methods a
   * subclass cannot override (private, static, final); the declaring type's own processing
   * validates and reports those.
   */
  List<GuardedMethod> inherited(TypeElement type) {
    List<ExecutableElement> members = ElementFilter.methodsIn(elements.getAllMembers(type));
    boolean isInterface = type.getKind().isInterface();
    Map<TypeElement, List<GuardedMethod>> byOwner = new HashMap<>();
    List<GuardedMethod> result = new ArrayList<>();
    for (ExecutableElement member : members) {
      if (member.getEnclosingElement().equals(type) || !(member.getEnclosingElement() instanceof TypeElement owner)) {
        continue;
      }
      Set<Modifier> modifiers = member.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.FINAL)
          || (!isInterface && modifiers.contains(Modifier.ABSTRACT))) {
        continue;
      }
      boolean overridden = false;
      for (ExecutableElement other : members) {
        overridden |= other != member && elements.overrides(other, member, type);
      }
      if (overridden) {
        continue;
      }
      for (GuardedMethod g : byOwner.computeIfAbsent(owner, o -> scan(o, declarations(o)))) {
        if (g.method().equals(member)) {
          result.add(g);
        }
      }
    }
    return result;
  }

  /** The Warden annotations written on {@code element}. */
  Map<GuardKind, Declaration> declarations(Element element) {
    Map<GuardKind, Declaration> found = new EnumMap<>(GuardKind.class);
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      GuardKind kind = GuardKind.of(
          ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString());
      if (kind != null) {
        found.put(kind, new Declaration(element, mirror, model.declaration(mirror, kind, element)));
      }
    }
    return found;
  }
}
