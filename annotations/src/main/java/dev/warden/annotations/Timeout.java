package dev.warden.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds how long one call of a method may run.
 *
 * <p>The body runs on the calling thread. If it has not ended {@link #millis()} after it started,
 * the call times out: with {@link #interrupt()} the thread running it is interrupted at the
 * deadline; whenever the body then ends, by returning or by throwing, the caller gets {@code
 * dev.warden.runtime.CallTimeoutException}, with the body's own exception, if any, as its cause. A
 * value returned after the deadline is discarded. The interrupt Warden raises is cleared before
 * the call ends, and a call that ends before its deadline is never interrupted.
 *
 * <p>A body that ignores interrupts (a busy loop, blocking {@code java.io}, a swallowed {@code
 * InterruptedException}) cannot be stopped: the caller waits for it and then gets the {@code
 * CallTimeoutException}. For a method returning a {@code CompletionStage}, the returned stage
 * fails with {@code CallTimeoutException} at the deadline, and with {@link #interrupt()} the
 * method's own future is cancelled.
 *
 * <p>A timeout is a failure for an enclosing {@code @Breaker} and for {@code @CountCalls}. One
 * JVM-wide daemon thread, {@code warden-timer}, serves every timeout.
 *
 * <p>On a type, applies to each public, non-static method declared in that type; a method's own
 * {@code @Timeout} replaces the type's.
 *
 * <p>Thread-safe: any number of threads may call the guarded method. Example: a price lookup that
 * may take at most 800 ms:
 *
 * <pre>{@code
 * public class Prices {
 *   @Timeout(millis = 800)
 *   public Price quote(String sku) throws IOException {
 *     return partner.quote(sku);
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Timeout {

  /**
   * How long one call may run, in milliseconds. Required; {@code >= 1}.
   *
   * @return the time limit of one call, in milliseconds
   */
  long millis();

  /**
   * Whether the thread running the call is interrupted at the deadline. Default {@code true}; with
   * {@code false} the call runs to its end and then fails with {@code CallTimeoutException}.
   *
   * @return whether to interrupt the call at the deadline
   */
  boolean interrupt() default true;

  /**
   * Guard name. Default {@code ""}: {@code <binary class name>#<method name>} of the declaring
   * method. Every method carrying the same explicit name shares one timeout count.
   *
   * @return the guard name, or {@code ""} for the default
   */
  String name() default "";
}
