package dev.warden.processor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Finds the guarded methods declared in a type: a method's own annotation of a kind, else the
 * type's annotation of that kind if the method is public and not static (SPEC §2).
 */
final class Scanner {

  private final Elements elements;

  Scanner(Elements elements) {
    this.elements = elements;
  }

  /**
   * @param onType the declarations written on {@code type} itself (see {@link #declarations})
   */
  List<GuardedMethod> scan(TypeElement type, Map<GuardKind, Declaration> onType) {
    List<GuardedMethod> guarded = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Map<GuardKind, Declaration> own = declarations(method);
      boolean inherits = method.getModifiers().contains(Modifier.PUBLIC)
          && !method.getModifiers().contains(Modifier.STATIC)
          && elements.getOrigin(method) == Elements.Origin.EXPLICIT;
      List<Declaration> applied = new ArrayList<>();
      for (GuardKind kind : GuardKind.values()) {
        Declaration d = own.containsKey(kind) ? own.get(kind) : inherits ? onType.get(kind) : null;
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
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      for (GuardKind kind : GuardKind.values()) {
        if (kind.annotationName().equals(name)) {
          found.put(kind, new Declaration(kind, element, mirror, elements));
        }
      }
    }
    return found;
  }
}
