package dev.warden.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts the calls of a method: {@code calls} (entered), {@code successes} (returned normally),
 * {@code failures} (threw), {@code rejections} (rejected by another guard of the same method),
 * {@code inFlight} and {@code peakInFlight}, and with {@link #latency()} the calls' durations. Read them with {@code
 * dev.warden.runtime.Warden.callStats(name)} or over JMX.
 *
 * <p>On a type, applies to each public, non-static method declared in that type; a method's own
 * {@code @CountCalls} replaces the type's.
 *
 * <p>The counters are thread-safe and lose no call, whatever the number of threads. Example:
 * count every public method of a repository under one shared name, and read the totals:
 *
 * <pre>{@code
 * @CountCalls(name = "orders-db")
 * public class OrderRepository {
 *   public Order find(long id) { ... }
 *   public void save(Order order) { ... }
 * }
 *
 * long failed = Warden.callStats("orders-db").map(CallStats::failures).orElse(0L);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CountCalls {

  /**
   * Guard name. Default {@code ""}: {@code <binary class name>#<method name>} of the declaring
   * method. Every method carrying the same explicit name shares one set of counters.
   *
   * @return the guard name, or {@code ""} for the default
   */
  String name() default "";

  /**
   * Whether to also measure the duration of each call: then {@code CallStats.latency()} reports
   * its median, 99th and 99.9th percentiles and maximum over the guard's life and over the last
   * minute, each within 1% of the exact value (also over JMX). A call is measured from its entry
   * to its outcome (for a {@code CompletionStage} method, until its stage completes), waits for
   * other guards and retries included; a rejected call is not measured. Costs two clock readings
   * and one atomic addition per call; {@code false} (the default) costs nothing. Methods that
   * share a name must agree on it. Overridable as {@code warden.<name>.latency}.
   *
   * @return whether call durations are measured
   */
  boolean latency() default false;
}
