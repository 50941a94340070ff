package dev.warden.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports diagnostics on the element and annotation (and attribute value) at fault; counts errors. */
final class Reporter {

  private final Messager messager;
  private int errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  /** An error on {@code declaration}, pointing at {@code attribute}'s value when it is written. */
  void error(Declaration declaration, String attribute, String message) {
    print(Diagnostic.Kind.ERROR, declaration, attribute, message);
  }

  /** An error on {@code element} itself. */
  void error(Element element, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /** A warning on {@code method}, and on its own annotation if the declaration is written on it. */
  void warning(Element method, Declaration declaration, String message) {
    if (declaration.owner().equals(method)) {
      print(Diagnostic.Kind.WARNING, declaration, null, message);
    } else {
      messager.printMessage(Diagnostic.Kind.WARNING, message, method);
    }
  }

  /** Errors reported so far. */
  int errors() {
    return errors;
  }

  private void print(Diagnostic.Kind kind, Declaration declaration, String attribute, String message) {
    if (kind == Diagnostic.Kind.ERROR) {
      errors++;
    }
    AnnotationValue value = attribute == null ? null : declaration.explicitValue(attribute);
    if (value != null) {
      messager.printMessage(kind, message, declaration.owner(), declaration.mirror(), value);
    } else {
      messager.printMessage(kind, message, declaration.owner(), declaration.mirror());
    }
  }
}
