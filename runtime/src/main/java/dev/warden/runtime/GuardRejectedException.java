package dev.warden.runtime;

/**
 * A guard refused a call; the guarded method did not run. Never counted as a failure by an
 * enclosing circuit breaker.
 *
 * <p>Immutable; safe to share between threads.
 */
public class GuardRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String guardName;

  /**
   * @param guardName the name of the guard that rejected the call
   * @param message the message, which names the guard
   * @param cause the cause, or {@code null}
   */
  protected GuardRejectedException(String guardName, String message, Throwable cause) {
    super(message, cause);
    this.guardName = guardName;
  }

  /** The name of the guard that rejected the call. */
  public String guardName() {
    return guardName;
  }
}
