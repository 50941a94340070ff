package dev.warden.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a method with a circuit breaker counting consecutive failures.
 *
 * <ul>
 *   <li>{@code CLOSED}: calls pass. A failure (a throwable matching {@link #failOn()} and not
 *       {@link #ignore()}) adds one to the consecutive-failure count, a success resets it;
 *       reaching {@link #failureThreshold()} opens the circuit.
 *   <li>{@code OPEN}: calls are rejected without running ({@code
 *       dev.warden.runtime.CircuitOpenException} or the {@link #fallback()} result) until {@link
 *       #cooldownMillis()} have passed; then the circuit is {@code HALF_OPEN}.
 *   <li>{@code HALF_OPEN}: at most {@link #halfOpenCalls()} trial calls run at once; when that
 *       many trials have succeeded the circuit closes, any trial failure opens it again.
 * </ul>
 *
 * <p>On a type, applies to each public, non-static method declared in that type; a method's own
 * {@code @Breaker} replaces the type's.
 *
 * <p>The breaker behind it is thread-safe and lock-free: any number of threads may call the
 * guarded method. Example: stop calling an inventory service for ten seconds after three
 * failures in a row (a {@code NotFoundException} is an answer, not a fault), and report -1
 * ("unknown") while the circuit is open:
 *
 * <pre>{@code
 * public class StockLevels {
 *   @Breaker(failureThreshold = 3, cooldownMillis = 10_000,
 *            ignore = NotFoundException.class, fallback = "unknown")
 *   public int available(String sku) {
 *     return inventory.count(sku);
 *   }
 *
 *   int unknown(String sku, Throwable rejection) {
 *     return -1;
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Breaker {

  /**
   * Consecutive failures that open the circuit. Default 5; {@code >= 1}.
   *
   * @return the failure threshold
   */
  int failureThreshold() default 5;

  /**
   * Time the circuit stays open before admitting trial calls, in milliseconds. Default 120000;
   * {@code >= 0}.
   *
   * @return the cooldown in milliseconds
   */
  long cooldownMillis() default 120_000;

  /**
   * Trial calls admitted at once while half-open, and successes needed to close. Default 1;
   * {@code >= 1}.
   *
   * @return the number of trial calls
   */
  int halfOpenCalls() default 1;

  /**
   * Throwables (and their subclasses) that count as failures. Default: every {@code Throwable}.
   *
   * @return the throwable types that count as failures
   */
  Class<? extends Throwable>[] failOn() default {Throwable.class};

  /**
   * Throwables (and their subclasses) that never count as failures; wins over {@link #failOn()}.
   * Default: none.
   *
   * @return the throwable types that never count
   */
  Class<? extends Throwable>[] ignore() default {};

  /**
   * Guard name. Default {@code ""}: {@code <binary class name>#<method name>} of the declaring
   * method. Every method carrying the same explicit name shares one breaker.
   *
   * @return the guard name, or {@code ""} for the default
   */
  String name() default "";

  /**
   * Name of a method of the same class, with the same parameter types (optionally plus one
   * trailing {@code Throwable} parameter that receives the rejection) and a return type
   * assignable to this method's, called instead of throwing {@code CircuitOpenException}.
   * Default {@code ""}: no fallback.
   *
   * @return the fallback method's name, or {@code ""} for none
   */
  String fallback() default "";
}
