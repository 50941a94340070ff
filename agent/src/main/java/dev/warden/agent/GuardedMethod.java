package dev.warden.agent;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;

/**
 * A method to weave and the Warden annotations that apply to it (its own, else its type's);
 * an absent annotation is {@code null}.
 *
 * @param method the method, as declared in the class being loaded
 * @param throttled the applicable {@code @Throttled}
 * @param breaker the applicable {@code @Breaker}
 * @param countCalls the applicable {@code @CountCalls}
 * @param problem the message every call of the method will fail with, as found at weave time by
 *     {@link ConfigCheck}; {@code null} if the configuration is valid, not yet checked, or left to
 *     the runtime (values overridden by properties, types the check cannot describe)
 */
record GuardedMethod(
    MethodDescription.InDefinedShape method,
    AnnotationDescription throttled,
    AnnotationDescription breaker,
    AnnotationDescription countCalls,
    String problem) {

  /** This method with its configuration {@linkplain ConfigCheck checked}. */
  GuardedMethod checked(ClassLoader loader) {
    String found;
    try {
      found = ConfigCheck.firstProblem(this, loader);
    } catch (RuntimeException e) {
      found = null; // a type the check needs cannot be described: the runtime checks when the guard is created
    }
    return new GuardedMethod(method, throttled, breaker, countCalls, found);
  }

  /** {@code <binary class name>#<method name>}, the default guard name. */
  String displayName() {
    return method.getDeclaringType().getName() + "#" + method.getName();
  }

  /** Whether the method returns a value of a reference type (which the exit advice may replace). */
  boolean returnsReference() {
    return !method.getReturnType().isPrimitive();
  }
}
