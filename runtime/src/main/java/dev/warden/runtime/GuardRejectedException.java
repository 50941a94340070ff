package dev.warden.runtime;

/**
 * A guard refused a call; the guarded method did not run. Never counted as a failure by an
 * enclosing circuit breaker.
 *
 * <p>Rejections are expected, frequent events, so they carry no stack trace unless the system
 * property {@code warden.rejections.stackTrace} is {@code true} (read once, when this class is
 * initialised). Suppressed exceptions and causes work as usual.
 *
 * <p>Immutable; safe to share between threads.
 *
 * <p>Example: one handler for every kind of rejection, whichever guard refused:
 *
 * <pre>{@code
 * try {
 *   return catalogue.lookup(id);
 * } catch (GuardRejectedException e) {
 *   metrics.increment("rejected." + e.guardName());
 *   return Item.placeholder(id);
 * }
 * }</pre>
 */
public class GuardRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Whether rejections record their stack trace ({@code -Dwarden.rejections.stackTrace=true}). */
  private static final boolean STACK_TRACES = Boolean.getBoolean("warden.rejections.stackTrace");

  /** The name of the guard that rejected the call. */
  private final String guardName;

  /**
   * A rejection by the guard named {@code guardName}.
   *
   * @param guardName the name of the guard that rejected the call
   * @param message the message, which names the guard; {@code null} if the subclass computes it
   *     in {@link #getMessage()}
   * @param cause the cause, or {@code null}
   */
  protected GuardRejectedException(String guardName, String message, Throwable cause) {
    super(message, cause, true, STACK_TRACES);
    this.guardName = guardName;
  }

  /** {@return the name of the guard that rejected the call} */
  public String guardName() {
    return guardName;
  }
}
