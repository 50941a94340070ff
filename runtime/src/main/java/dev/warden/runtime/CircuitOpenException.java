package dev.warden.runtime;

/**
 * A {@code @Breaker} guard rejected a call because its circuit is open (or half-open with all
 * trial slots taken).
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: tell the user to come back later instead of failing hard:
 *
 * <pre>{@code
 * try {
 *   return payments.charge(account, cents);
 * } catch (CircuitOpenException e) {
 *   return Response.serviceUnavailable("payments are paused (" + e.state() + ")");
 * }
 * }</pre>
 */
public class CircuitOpenException extends GuardRejectedException {

  private static final long serialVersionUID = 1L;

  /** The state that rejected the call. */
  private final CircuitBreaker.State state;

  /**
   * A rejection by the breaker named {@code guardName}.
   *
   * @param guardName the breaker's name
   * @param state the state that rejected the call ({@code OPEN} or {@code HALF_OPEN})
   */
  public CircuitOpenException(String guardName, CircuitBreaker.State state) {
    super(guardName, null, null);
    this.state = state;
  }

  /** {@return {@code Circuit breaker '<name>' is <state>}, built when asked for} */
  @Override
  public String getMessage() {
    return "Circuit breaker '" + guardName() + "' is " + state;
  }

  /** {@return the breaker's state when it rejected the call} */
  public CircuitBreaker.State state() {
    return state;
  }
}
