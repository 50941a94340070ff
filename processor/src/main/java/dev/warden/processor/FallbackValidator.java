package dev.warden.processor;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.rules.Fallbacks;
import javax.lang.model.element.TypeElement;

/** Reports what the shared {@link Fallbacks} rule says about a {@code fallback} attribute, on that attribute. */
final class FallbackValidator {

  private final JavacModel model;
  private final Reporter reporter;

  FallbackValidator(JavacModel model, Reporter reporter) {
    this.model = model;
    this.reporter = reporter;
  }

  void validate(GuardedMethod guarded, Declaration d) {
    try {
      Fallbacks.resolve(d.rules(), model.shape(guarded.method()),
          model.declared((TypeElement) guarded.method().getEnclosingElement()), model.oracle());
    } catch (ConfigurationException e) {
      reporter.error(d, "fallback", e.getMessage());
    }
  }
}
