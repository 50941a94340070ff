package dev.warden.processor;

import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.TypeLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Finds the guarded methods declared in a type: a method's own annotation of a kind, else the
 * type's annotation of that kind where the shared {@link TypeLevel} rule applies it.
 */
final class Scanner {

  private final JavacModel model;

  Scanner(JavacModel model) {
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
