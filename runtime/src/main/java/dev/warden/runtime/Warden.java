package dev.warden.runtime;

import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Reconfigurer;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of every guard in this JVM, by name. A guard exists once its method has been
 * called (processor-generated classes create theirs when they are initialised). Names are {@code
 * <binary class name>#<method name>} unless the annotation gives one.
 *
 * <p>Thread-safe: all methods may be called concurrently, from any thread.
 *
 * <p>Example: a health check that reports every open breaker and how much rate is left:
 *
 * <pre>{@code
 * for (String name : Warden.names()) {
 *   Warden.breaker(name)
 *       .filter(b -> b.state() != CircuitBreaker.State.CLOSED)
 *       .ifPresent(b -> health.degraded(name + " is " + b.state()));
 *   Warden.rateLimiter(name)
 *       .ifPresent(l -> health.detail(name + " permits", l.availablePermits()));
 * }
 * }</pre>
 */
public final class Warden {

  private Warden() {}

  /**
   * The call statistics of the {@code @CountCalls} guard named {@code name}.
   *
   * @param name the guard's name
   * @return its statistics, or empty if no such guard has been created
   */
  public static Optional<CallStats> callStats(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findStats(name));
  }

  /**
   * The circuit breaker of the {@code @Breaker} guard named {@code name}.
   *
   * @param name the guard's name
   * @return its breaker, or empty if no such guard has been created
   */
  public static Optional<CircuitBreaker> breaker(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findBreaker(name));
  }

  /**
   * The rate limiter of the {@code @Throttled} guard named {@code name}.
   *
   * @param name the guard's name
   * @return its rate limiter, or empty if no such guard has been created
   */
  public static Optional<RateLimiter> rateLimiter(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findLimiter(name));
  }

  /**
   * The concurrency limiter of the {@code @Bulkhead} guard named {@code name}.
   *
   * @param name the guard's name
   * @return its limiter, or empty if no such guard has been created
   */
  public static Optional<ConcurrencyLimiter> bulkhead(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findBulkhead(name));
  }

  /**
   * The state of the {@code @Timeout} guard named {@code name}.
   *
   * @param name the guard's name
   * @return its configuration and timeout count, or empty if no such guard has been created
   */
  public static Optional<TimeoutStats> timeout(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findTimeout(name));
  }

  /**
   * The state of the {@code @Retry} guard named {@code name}.
   *
   * @param name the guard's name
   * @return its configuration and what retrying did, or empty if no such guard has been created
   */
  public static Optional<RetryStats> retry(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findRetry(name));
  }

  /**
   * Changes a number of the guards named {@code name} while they run, for the calls that start
   * afterwards: {@code attribute} is an attribute of the annotation, {@code value} its new value
   * written as an override would write it ({@code warden.<name>.<attribute>=<value>}), parsed and
   * checked by the same rules, with the same messages.
   *
   * <p>Every live guard of the name that has the attribute changes: each kind that has it (as
   * with an override, {@code maxWaitMillis} changes a {@code @Throttled} and a {@code @Bulkhead}
   * guard of the name), in every class loader; or, if any of them rejects the value, none does.
   * Each guard takes its new configuration in one step and keeps its state: the tokens of a rate
   * limiter, the state and counts of a breaker, the calls holding a bulkhead's slots. The numbers
   * that can change: {@code callsPerSecond}, {@code burst}, {@code maxWaitMillis} ({@code
   * @Throttled}; a bucket in a shared store keeps its rate and burst), {@code failureThreshold},
   * {@code cooldownMillis}, {@code halfOpenCalls} ({@code @Breaker}), {@code maxConcurrent}, {@code
   * maxWaitMillis} ({@code @Bulkhead}), {@code millis} ({@code @Timeout}), {@code maxAttempts},
   * {@code delayMillis}, {@code multiplier}, {@code maxDelayMillis}, {@code jitter} ({@code
   * @Retry}). A change lasts as long as the guard: a guard created later (a redeploy, a restart)
   * starts from its declaration and overrides.
   *
   * <p>Example: halve a partner's rate while it struggles, then restore it:
   *
   * <pre>{@code
   * Warden.reconfigure("partner-api", "callsPerSecond", "25");
   * …
   * Warden.reconfigure("partner-api", "callsPerSecond", "50");
   * }</pre>
   *
   * @param name the guard name
   * @param attribute the attribute, e.g. {@code maxConcurrent}
   * @param value the new value, e.g. {@code 8}
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if no guard named {@code name} exists
   * @throws ConfigurationException naming the attribute and the value if no guard of the name has
   *     the attribute, the attribute cannot change at run time, or the value is invalid for one of
   *     the guards (then none changed)
   */
  public static void reconfigure(String name, String attribute, String value) {
    Reconfigurer.reconfigure(GuardRegistry.instance(), name, attribute, value);
  }

  /** {@return the names of all guards created so far, sorted} */
  public static Set<String> names() {
    return java.util.Collections.unmodifiableSet(GuardRegistry.instance().names());
  }

  /**
   * Adds a listener told of every state transition of every {@code @Breaker} guard.
   *
   * @param listener the listener
   */
  public static void addListener(BreakerListener listener) {
    GuardRegistry.instance().addListener(listener);
  }

  /**
   * Removes a listener added with {@link #addListener}.
   *
   * @param listener the listener
   * @return whether it was registered
   */
  public static boolean removeListener(BreakerListener listener) {
    return GuardRegistry.instance().removeListener(listener);
  }

  /**
   * Adds a listener told of every guard: first, before this method returns, of the newest guard
   * of each name and kind that exists now; then of each guard created later, including one that
   * replaces a name's guard for another class loader (a redeploy). Each guard is told exactly
   * once, also when guards are being created while the listener is added. Calls to one listener
   * never overlap and come in creation order (see {@link GuardListener}); what it throws is logged
   * as a {@code WARNING} on {@code dev.warden} and breaks nothing.
   *
   * <p>The registry holds the listener, and so whatever it refers to, strongly until {@link
   * #removeGuardListener} removes it. A listener added twice is told twice.
   *
   * <pre>{@code
   * Warden.addGuardListener(guard -> log.info("guard " + guard.name() + ": " + guard));
   * }</pre>
   *
   * @param listener the listener
   * @throws NullPointerException if {@code listener} is null
   */
  public static void addGuardListener(GuardListener listener) {
    GuardRegistry.instance().addGuardListener(listener);
  }

  /**
   * Removes one registration of a listener added with {@link #addGuardListener}; it is told of no
   * guard created afterwards.
   *
   * @param listener the listener
   * @return whether it was registered
   */
  public static boolean removeGuardListener(GuardListener listener) {
    return GuardRegistry.instance().removeGuardListener(listener);
  }
}
