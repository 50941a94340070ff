package dev.warden.agent;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardEntry;
import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.MethodRules;
import dev.warden.runtime.rules.MethodShape;
import dev.warden.runtime.rules.Overrides;
import dev.warden.runtime.rules.TypeOracle;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;

/**
 * A method to weave, with the result of checking its configuration at weave time.
 *
 * @param method the method, as declared in the class being loaded
 * @param shape the method as the rules see it
 * @param problem the message every call of the method will fail with (the runtime finds the same
 *     by the same rules when the site is created), or {@code null} if the configuration is valid
 * @param retries whether {@code @Retry} applies to it (it is woven with the retry exit advice)
 * @param own the method-level guard entry it is guarded by, or {@code null}
 * @param onType the class-level guard entry it is guarded by, or {@code null} (both {@code null}:
 *     it is annotated)
 */
record GuardedMethod(
    MethodDescription.InDefinedShape method,
    MethodShape shape,
    String problem,
    boolean retries,
    GuardEntry own,
    GuardEntry onType) {

  /**
   * {@code method} with its configuration checked by the shared rules, overrides included.
   *
   * @param applied the declarations that apply to it
   * @param declared the methods of its type (fallback candidates)
   * @param overrides the overrides seen by the type's class loader
   * @param own the method-level guard entry {@code applied} comes from, or {@code null}
   * @param onType the class-level guard entry {@code applied} comes from, or {@code null}
   */
  static GuardedMethod checked(
      MethodDescription.InDefinedShape method,
      MethodShape shape,
      Map<GuardKind, GuardDeclaration> applied,
      List<MethodShape> declared,
      TypeOracle oracle,
      Overrides overrides,
      GuardEntry own,
      GuardEntry onType) {
    String problem;
    try {
      MethodRules.check(shape, applied, declared, oracle, overrides);
      problem = null;
    } catch (ConfigurationException e) {
      problem = e.getMessage();
    } catch (RuntimeException e) {
      // A type the rules ask about cannot be described here; the runtime checks when the site is created.
      problem = "cannot check the configuration of " + shape.display() + " at weave time (" + e
          + "); if it is invalid, every call will fail";
    }
    return new GuardedMethod(
        method, shape, problem, applied.containsKey(GuardKind.RETRY), own, onType);
  }

  /** {@code <binary class name>#<method name>}. */
  String displayName() {
    return shape.display();
  }

  /** Whether it is guarded by guard entries, not annotations. */
  boolean configured() {
    return own != null || onType != null;
  }

  /** Where its guard entry comes from (the method-level one's, if both apply), or {@code null} if it is annotated. */
  String entrySource() {
    return own != null ? own.source() : onType != null ? onType.source() : null;
  }

  /** Whether the method returns a value of a reference type (which the exit advice may replace). */
  boolean returnsReference() {
    return !method.getReturnType().isPrimitive();
  }
}
