package dev.warden.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a failed call again, after a delay that grows exponentially, with random jitter.
 *
 * <p>A failed attempt whose throwable matches {@link #retryOn()} and not {@link #abortOn()} is
 * retried after a delay, until {@link #maxAttempts()} attempts have run; then the last failure is
 * thrown unchanged (the same instance, never wrapped). The delay before the second attempt is
 * {@link #delayMillis()}, each further one {@link #multiplier()} times the one before, capped at
 * {@link #maxDelayMillis()}, and each is scaled by a random factor in {@code [1 - jitter, 1 +
 * jitter]} (and capped again). An {@code Error} is retried only if {@code retryOn} names an
 * {@code Error} type, a rejection by an inner guard ({@code CircuitOpenException}, {@code
 * ThrottledException}, {@code BulkheadFullException}) only if {@code retryOn} names a rejection
 * type, and an {@code InterruptedException} only if {@code retryOn} names it. An interrupt before
 * or during a delay stops retrying: the last failure is thrown and the interrupt flag stays set.
 *
 * <p>{@code @Retry} is the outermost guard but {@code @CountCalls}: each attempt asks {@code
 * @Breaker}, {@code @Throttled} and {@code @Bulkhead} again and is bounded by {@code @Timeout},
 * while {@code @CountCalls} counts the call once. For a method returning a {@code
 * CompletionStage}, the stage is returned at once, the next attempts run on Warden's timer, and
 * the stage completes with the first success or the last failure; no thread waits.
 *
 * <p>Retry only what is safe to repeat: an idempotent read, or a write the other side
 * de-duplicates.
 *
 * <p>On a type, applies to each public, non-static method declared in that type; a method's own
 * {@code @Retry} replaces the type's.
 *
 * <p>Thread-safe: any number of threads may call the guarded method. Example: a partner lookup
 * tried up to 4 times, 200 ms, 400 ms and 800 ms apart (each ± 20 %), on I/O errors only:
 *
 * <pre>{@code
 * public class Partner {
 *   @Retry(maxAttempts = 4, delayMillis = 200, retryOn = IOException.class)
 *   public Offer offer(String sku) throws IOException {
 *     return client.offer(sku);
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retry {

  /**
   * Attempts in total, the first included ({@code 1}: never retried). Default 3; {@code >= 1}.
   *
   * @return the most attempts one call makes
   */
  int maxAttempts() default 3;

  /**
   * Delay before the second attempt, in milliseconds. Default 1000; {@code >= 0}.
   *
   * @return the first delay in milliseconds
   */
  long delayMillis() default 1000;

  /**
   * Factor from one delay to the next. Default 2.0; {@code >= 1.0} ({@code 1.0}: a fixed delay).
   *
   * @return the growth factor of the delays
   */
  double multiplier() default 2.0;

  /**
   * Cap of one delay, in milliseconds. Default 30000; {@code >= delayMillis}.
   *
   * @return the longest delay in milliseconds
   */
  long maxDelayMillis() default 30_000;

  /**
   * Relative randomness of each delay: it is scaled by a uniform factor in {@code [1 - jitter, 1 +
   * jitter]}. Default 0.2; from 0 to 1.
   *
   * @return the jitter fraction
   */
  double jitter() default 0.2;

  /**
   * Throwables (and their subclasses) that are retried. Default: every {@code Exception} but an
   * inner guard's rejection and an {@code InterruptedException}.
   *
   * @return the throwable types that are retried
   */
  Class<? extends Throwable>[] retryOn() default {Exception.class};

  /**
   * Throwables (and their subclasses) that are never retried; wins over {@link #retryOn()}.
   * Default: none.
   *
   * @return the throwable types that are never retried
   */
  Class<? extends Throwable>[] abortOn() default {};

  /**
   * Guard name. Default {@code ""}: {@code <binary class name>#<method name>} of the declaring
   * method. Every method carrying the same explicit name shares one set of retry statistics.
   *
   * @return the guard name, or {@code ""} for the default
   */
  String name() default "";
}
