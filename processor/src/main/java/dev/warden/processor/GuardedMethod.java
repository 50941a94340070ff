package dev.warden.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A method with the declarations that apply to it (its own, else its type's).
 *
 * @param method the guarded method
 * @param declarations one per kind that applies, in {@link GuardKind} order
 */
record GuardedMethod(ExecutableElement method, List<Declaration> declarations) {

  /** The method's own declaration of {@code kind}'s mirror if it has one, else any declaration. */
  Declaration primary() {
    for (Declaration d : declarations) {
      if (d.owner().equals(method)) {
        return d;
      }
    }
    return declarations.get(0);
  }
}
