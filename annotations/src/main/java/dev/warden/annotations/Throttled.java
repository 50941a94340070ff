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
 *
 * <p>The bucket behind it is thread-safe and lock-free: any number of threads may call the
 * guarded method. Example: a geocoding client that may send 5 requests a second, bursts of up to
 * 10, where a caller waits at most a quarter of a second and otherwise gets a coarse answer:
 *
 * <pre>{@code
 * public class Geocoder {
 *   @Throttled(callsPerSecond = 5, burst = 10, maxWaitMillis = 250, fallback = "roughly")
 *   public Location locate(String address) {
 *     return remote.lookup(address);
 *   }
 *
 *   Location roughly(String address) {
 *     return Location.centreOfPostcode(address);
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Throttled {

  /**
   * Refill rate of the bucket, in calls per second. Required; must be finite and {@code > 0}
   * (fractions allowed: {@code 0.5} is one call every two seconds).
   *
   * @return the refill rate in calls per second
   */
  double callsPerSecond();

  /**
   * Capacity of the bucket: how many calls may pass at once after a quiet period. Default 1;
   * {@code >= 1}.
   *
   * @return the bucket capacity
   */
  int burst() default 1;

  /**
   * How long a call may park for its reserved token, in milliseconds. Default 5000; {@code >= 0};
   * {@code 0} means never wait: reject as soon as no token is available.
   *
   * @return the longest wait for a token, in milliseconds
   */
  long maxWaitMillis() default 5000;

  /**
   * Guard name. Default {@code ""}: {@code <binary class name>#<method name>} of the declaring
   * method. Every method carrying the same explicit name shares one bucket.
   *
   * @return the guard name, or {@code ""} for the default
   */
  String name() default "";

  /**
   * Name of a method of the same class, with the same parameter types (optionally plus one
   * trailing {@code Throwable} parameter that receives the rejection) and a return type
   * assignable to this method's, called instead of throwing {@code ThrottledException}. Default
   * {@code ""}: no fallback.
   *
   * @return the fallback method's name, or {@code ""} for none
   */
  String fallback() default "";
}
