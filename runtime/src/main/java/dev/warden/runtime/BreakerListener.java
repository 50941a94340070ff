package dev.warden.runtime;

/**
 * Told of every state transition of a circuit breaker, once per transition, on the thread that
 * made it. Implementations must be thread-safe and quick; an exception they throw is logged and
 * does not affect the breaker.
 *
 * <p>Example: page the on-call engineer whenever any breaker opens:
 *
 * <pre>{@code
 * Warden.addListener((breaker, from, to) -> {
 *   if (to == CircuitBreaker.State.OPEN) {
 *     pager.alert("circuit " + breaker.name() + " opened");
 *   }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface BreakerListener {

  /**
   * Called after {@code breaker} moved from {@code from} to {@code to}.
   *
   * @param breaker the breaker
   * @param from the previous state
   * @param to the new state
   */
  void onStateChange(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to);
}
