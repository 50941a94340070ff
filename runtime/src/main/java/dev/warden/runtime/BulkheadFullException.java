package dev.warden.runtime;

/**
 * A {@code @Bulkhead} guard (or a {@link ConcurrencyLimiter} asked through {@link
 * ConcurrencyLimiter#acquire()}) rejected a call: no slot became free within the allowed wait, or
 * the waiting thread was interrupted (then the cause is the {@link InterruptedException} and the
 * thread's interrupt flag is still set).
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: shed load when every slot of a bulkhead is taken:
 *
 * <pre>{@code
 * try {
 *   return Response.ok(reports.render(query));
 * } catch (BulkheadFullException e) {
 *   return Response.serviceUnavailable(e.getMessage());
 * }
 * }</pre>
 */
public class BulkheadFullException extends GuardRejectedException {

  private static final long serialVersionUID = 1L;

  /**
   * A rejection by the bulkhead named {@code guardName}: no slot was free in time.
   *
   * @param guardName the bulkhead's name
   */
  public BulkheadFullException(String guardName) {
    this(guardName, null);
  }

  /**
   * A rejection by the bulkhead named {@code guardName}, with a cause (the {@link
   * InterruptedException} of a wait that was interrupted).
   *
   * @param guardName the bulkhead's name
   * @param cause the cause, or {@code null}
   */
  public BulkheadFullException(String guardName, Throwable cause) {
    super(guardName, null, cause);
  }

  /** {@return a message naming the guard and the reason (full, or interrupted while waiting)} Built when asked for. */
  @Override
  public String getMessage() {
    return getCause() == null
        ? "Bulkhead '" + guardName() + "' is full"
        : "Interrupted while waiting for a slot of bulkhead '" + guardName() + "'";
  }
}
