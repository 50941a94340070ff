package dev.warden.runtime;

/**
 * A {@code @Breaker} guard rejected a call because its circuit is open (or half-open with all
 * trial slots taken).
 *
 * <p>Immutable; safe to share between threads.
 */
public class CircuitOpenException extends GuardRejectedException {

  private static final long serialVersionUID = 1L;

  private final CircuitBreaker.State state;

  /**
   * @param guardName the breaker's name
   * @param state the state that rejected the call ({@code OPEN} or {@code HALF_OPEN})
   */
  public CircuitOpenException(String guardName, CircuitBreaker.State state) {
    super(guardName, null, null);
    this.state = state;
  }

  /** {@code Circuit breaker '<name>' is <state>}, built when asked for. */
  @Override
  public String getMessage() {
    return "Circuit breaker '" + guardName() + "' is " + state;
  }

  /** The breaker's state when it rejected the call. */
  public CircuitBreaker.State state() {
    return state;
  }
}
