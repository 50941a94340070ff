package dev.warden.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts the calls of a method: {@code calls} (entered), {@code successes} (returned normally),
 * {@code failures} (threw), {@code rejections} (rejected by another guard of the same method),
 * {@code inFlight} and {@code peakInFlight}. Read them with {@code
 * dev.warden.runtime.Warden.callStats(name)} or over JMX.
 *
 * <p>On a type, applies to each public, non-static method declared in that type; a method's own
 * {@code @CountCalls} replaces the type's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CountCalls {

  /**
   * Guard name. Default {@code ""}: {@code <binary class name>#<method name>} of the declaring
   * method. Every method carrying the same explicit name shares one set of counters.
   */
  String name() default "";
}
