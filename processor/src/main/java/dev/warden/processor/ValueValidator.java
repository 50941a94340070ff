package dev.warden.processor;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.rules.AsyncReturn;
import dev.warden.runtime.rules.Values;

/**
 * Reports what the shared rules say about a declaration's values ({@link Values}) and a guarded
 * method's return type ({@link AsyncReturn}), on the annotation and attribute at fault.
 */
final class ValueValidator {

  private final JavacModel model;
  private final Reporter reporter;

  ValueValidator(JavacModel model, Reporter reporter) {
    this.model = model;
    this.reporter = reporter;
  }

  void validate(Declaration d) {
    try {
      Values.check(d.rules(), model.oracle());
    } catch (ConfigurationException e) {
      reporter.error(d, e.attribute(), e.getMessage());
    }
  }

  /** Checks {@code g}'s return type; the error points at the method's primary declaration. */
  void validateReturnType(GuardedMethod g) {
    try {
      AsyncReturn.check(model.shape(g.method()), model.oracle());
    } catch (ConfigurationException e) {
      reporter.error(g.primary(), null, e.getMessage());
    }
  }
}
