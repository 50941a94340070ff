package dev.warden.processor;

import dev.warden.runtime.rules.GuardKind;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A method with the declarations that apply to it (its own, else its type's).
 *
 * @param method the guarded method
 * @param declarations one per kind that applies, in {@link dev.warden.runtime.rules.GuardKind} order
 */
record GuardedMethod(ExecutableElement method, List<Declaration> declarations) {

  /** The first declaration written on the method itself, else the first (type-level) one: where diagnostics point. */
  Declaration primary() {
    for (Declaration d : declarations) {
      if (d.owner().equals(method)) {
        return d;
      }
    }
    return declarations.get(0);
  }

  /** Whether {@code @Retry} applies: the wrapper then runs the body in the retry loop. */
  boolean retries() {
    for (Declaration d : declarations) {
      if (d.kind() == GuardKind.RETRY) {
        return true;
      }
    }
    return false;
  }
}
