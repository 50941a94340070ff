package dev.warden.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits the rate of calls to a method with a token bucket.
 *
 * <p>The bucket holds {@link #burst()} tokens, starts full and is refilled continuously at
 * {@link #callsPerSecond()}. A call takes one token. Without a token, the call reserves the next
 * one if it is due within {@link #maxWaitMillis()} and parks until then (holding no lock);
 * otherwise it is rejected at once with {@code dev.warden.runtime.ThrottledException}, or the
 * {@link #fallback()} result. Over any interval of length T at most {@code burst + T *
 * callsPerSecond} calls are admitted, whatever the number of threads.
 *
 * <p>On a type, applies to each public, non-static method declared in that type; a method's own
 * {@code @Throttled} replaces the type's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Throttled {

  /**
   * Refill rate of the bucket, in calls per second. Required; must be finite and {@code > 0}
   * (fractions allowed: {@code 0.5} is one call every two seconds).
   */
  double callsPerSecond();

  /** Capacity of the bucket: how many calls may pass at once after a quiet period. Default 1; {@code >= 1}. */
  int burst() default 1;

  /**
   * How long a call may park for its reserved token, in milliseconds. Default 5000; {@code >= 0};
   * {@code 0} means never wait: reject as soon as no token is available.
   */
  long maxWaitMillis() default 5000;

  /**
   * Guard name. Default {@code ""}: {@code <binary class name>#<method name>} of the declaring
   * method. Every method carrying the same explicit name shares one bucket.
   */
  String name() default "";

  /**
   * Name of a method of the same class, with the same parameter types (optionally plus one
   * trailing {@code Throwable} parameter that receives the rejection) and a return type
   * assignable to this method's, called instead of throwing {@code ThrottledException}. Default
   * {@code ""}: no fallback.
   */
  String fallback() default "";
}
