package dev.warden.runtime;

/**
 * A {@code @Throttled} guard rejected a call: no token was due within the allowed wait, or the
 * waiting thread was interrupted (then the cause is the {@link InterruptedException} and the
 * thread's interrupt flag is still set).
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: ask the client to retry later when a {@code @Throttled} method refuses:
 *
 * <pre>{@code
 * try {
 *   return Response.ok(reports.render(query));
 * } catch (ThrottledException e) {
 *   return Response.tooManyRequests(e.getMessage());
 * }
 * }</pre>
 */
public class ThrottledException extends GuardRejectedException {

  private static final long serialVersionUID = 1L;

  /**
   * A rejection by the rate limiter named {@code guardName}.
   *
   * @param guardName the rate limiter's name
   * @param cause the cause, or {@code null}
   */
  public ThrottledException(String guardName, Throwable cause) {
    super(guardName, null, cause);
  }

  /** {@return a message naming the guard and the reason (exceeded, or interrupted while waiting)} Built when asked for. */
  @Override
  public String getMessage() {
    return getCause() == null
        ? "Rate limit of '" + guardName() + "' exceeded"
        : "Interrupted while waiting for rate limit '" + guardName() + "'";
  }

  /**
   * A rejection by the rate limiter named {@code guardName}, without a cause.
   *
   * @param guardName the rate limiter's name
   */
  public ThrottledException(String guardName) {
    this(guardName, null);
  }
}
