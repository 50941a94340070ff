package dev.warden.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;

/**
 * One Warden annotation as written in the source: its kind, the element carrying it (a method or
 * a type) and its values, defaults included.
 */
final class Declaration {

  private final GuardKind kind;
  private final Element owner;
  private final AnnotationMirror mirror;
  private final Map<? extends ExecutableElement, ? extends AnnotationValue> values;

  Declaration(GuardKind kind, Element owner, AnnotationMirror mirror, Elements elements) {
    this.kind = kind;
    this.owner = owner;
    this.mirror = mirror;
    this.values = elements.getElementValuesWithDefaults(mirror);
  }

  GuardKind kind() {
    return kind;
  }

  /** The method or type the annotation is written on. */
  Element owner() {
    return owner;
  }

  AnnotationMirror mirror() {
    return mirror;
  }

  /** The value of {@code attribute}, the default if not written. */
  Object value(String attribute) {
    for (var entry : values.entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return unwrap(entry.getValue().getValue());
      }
    }
    throw new IllegalArgumentException(kind.display() + " has no attribute " + attribute);
  }

  String string(String attribute) {
    return (String) value(attribute);
  }

  Number number(String attribute) {
    return (Number) value(attribute);
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

  private static Object unwrap(Object value) {
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(unwrap(((AnnotationValue) item).getValue()));
      }
      return out;
    }
    return value instanceof javax.lang.model.type.TypeMirror type ? type.toString() : value;
  }
}
