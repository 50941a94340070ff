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
 */
record GuardedMethod(
    MethodDescription.InDefinedShape method,
    AnnotationDescription throttled,
    AnnotationDescription breaker,
    AnnotationDescription countCalls) {

  /** {@code <binary class name>#<method name>}, the default guard name. */
  String displayName() {
    return method.getDeclaringType().getName() + "#" + method.getName();
  }

  /** Whether the method returns a value of a reference type (which the exit advice may replace). */
  boolean returnsReference() {
    return !method.getReturnType().isPrimitive();
  }
}
