package dev.warden.processor;

import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardKind;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One Warden annotation as written in the source: the element carrying it (a method or a type),
 * its mirror (where diagnostics point) and its values as the shared rules read them.
 *
 * @param owner the method or type the annotation is written on
 * @param mirror the annotation
 * @param rules kind, where and values (defaults included), as plain data
 */
record Declaration(Element owner, AnnotationMirror mirror, GuardDeclaration rules) {

  GuardKind kind() {
    return rules.kind();
  }

  /** The value as written in the source, or {@code null} if the attribute takes its default. */
  AnnotationValue explicitValue(String attribute) {
    for (var entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
