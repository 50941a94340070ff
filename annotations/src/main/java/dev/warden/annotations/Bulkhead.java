package dev.warden.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how many calls of a method run at once.
 *
 * <p>At most {@link #maxConcurrent()} calls of the guard run at the same time, whatever the number
 * of threads. A call that finds every slot taken waits up to {@link #maxWaitMillis()} for one,
 * parked and holding no lock, in arrival order; otherwise it is rejected at once with {@code
 * dev.warden.runtime.BulkheadFullException}, or the {@link #fallback()} result. An interrupt while
 * waiting rejects the call too (the exception's cause is the {@code InterruptedException}, and the
 * thread's interrupt flag stays set). A method returning a {@code CompletionStage} holds its slot
 * until that stage completes.
 *
 * <p>The call runs on the caller's thread: a bulkhead bounds concurrency, it is not a thread
 * pool and queues no tasks.
 *
 * <p>On a type, applies to each public, non-static method declared in that type; a method's own
 * {@code @Bulkhead} replaces the type's.
 *
 * <p>The limiter behind it is thread-safe and lock-free on the success path. Example: at most four
 * PDF renderings at once; a caller waits up to half a second for a slot, then gets a "busy" page:
 *
 * <pre>{@code
 * public class Reports {
 *   @Bulkhead(maxConcurrent = 4, maxWaitMillis = 500, fallback = "busy")
 *   public byte[] render(Query query) {
 *     return pdf.render(query);
 *   }
 *
 *   byte[] busy(Query query) {
 *     return Pages.BUSY;
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Bulkhead {

  /**
   * How many calls of the guard may run at once. Required; {@code >= 1}.
   *
   * @return the number of slots
   */
  int maxConcurrent();

  /**
   * How long a call may wait for a free slot, in milliseconds. Default 0: never wait, reject as
   * soon as every slot is taken; {@code >= 0}.
   *
   * @return the longest wait for a slot, in milliseconds
   */
  long maxWaitMillis() default 0;

  /**
   * Guard name. Default {@code ""}: {@code <binary class name>#<method name>} of the declaring
   * method. Every method carrying the same explicit name shares one set of slots.
   *
   * @return the guard name, or {@code ""} for the default
   */
  String name() default "";

  /**
   * Name of a method of the same class, with the same parameter types (optionally plus one
   * trailing {@code Throwable} parameter that receives the rejection) and a return type
   * assignable to this method's, called instead of throwing {@code BulkheadFullException}.
   * Default {@code ""}: no fallback.
   *
   * @return the fallback method's name, or {@code ""} for none
   */
  String fallback() default "";
}
