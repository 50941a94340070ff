package dev.warden.runtime;

/**
 * One guard of the registry: the state behind one annotation kind under one name. Each kind has
 * its own type, which a {@link GuardListener} tells apart with a {@code switch} or {@code
 * instanceof}.
 *
 * <p>Thread-safe, like every permitted type.
 *
 * <pre>{@code
 * Warden.addGuardListener(guard -> {
 *   if (guard instanceof CircuitBreaker breaker) {
 *     health.watch(breaker.name(), breaker::state);
 *   }
 * });
 * }</pre>
 */
public sealed interface Guard
    permits CallStats, CircuitBreaker, RateLimiter, ConcurrencyLimiter, TimeoutStats, RetryStats {

  /** {@return the guard's name} */
  String name();
}
