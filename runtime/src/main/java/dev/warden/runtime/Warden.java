package dev.warden.runtime;

import dev.warden.runtime.internal.GuardRegistry;
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
