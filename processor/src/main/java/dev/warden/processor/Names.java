package dev.warden.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Names for messages ({@code <binary class name>#<method>}) and for generated classes. */
final class Names {

  private final Elements elements;

  Names(Elements elements) {
    this.elements = elements;
  }

  String binary(TypeElement type) {
    return elements.getBinaryName(type).toString();
  }

  /** {@code com.acme.Foo#charge}: the default guard name of the method. */
  String method(ExecutableElement method) {
    return binary((TypeElement) method.getEnclosingElement()) + "#" + method.getSimpleName();
  }

  /** The name of the element an annotation sits on: a type's binary name or a method's. */
  String owner(Element element) {
    return element instanceof ExecutableElement m ? method(m) : binary((TypeElement) element);
  }

  /** {@code com.acme.GuardedFoo} for {@code com.acme.Foo}; {@code GuardedOuter_Inner} for nested types. */
  static ClassName wrapper(TypeElement type) {
    Deque<String> simpleNames = new ArrayDeque<>();
    Element e = type;
    for (; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      simpleNames.addFirst(t.getSimpleName().toString());
    }
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ClassName.get(((PackageElement) e).getQualifiedName().toString(), "Guarded" + String.join("_", simpleNames));
  }
}
