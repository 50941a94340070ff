package dev.warden.runtime;

/**
 * A {@code @Throttled} guard rejected a call: no token was due within the allowed wait, or the
 * waiting thread was interrupted (then the cause is the {@link InterruptedException} and the
 * thread's interrupt flag is still set).
 *
 * <p>Immutable; safe to share between threads.
 */
public class ThrottledException extends GuardRejectedException {

  private static final long serialVersionUID = 1L;

  /**
   * @param guardName the rate limiter's name
   * @param cause the cause, or {@code null}
   */
  public ThrottledException(String guardName, Throwable cause) {
    super(guardName, null, cause);
  }

  /** Names the guard and the reason (exceeded, or interrupted while waiting), built when asked for. */
  @Override
  public String getMessage() {
    return getCause() == null
        ? "Rate limit of '" + guardName() + "' exceeded"
        : "Interrupted while waiting for rate limit '" + guardName() + "'";
  }

  /** @param guardName the rate limiter's name */
  public ThrottledException(String guardName) {
    this(guardName, null);
  }
}
