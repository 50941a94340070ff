package dev.warden.runtime;

/**
 * A call guarded by {@code @Timeout} ran longer than its limit. The method did run, so this is a
 * failure of the call, not a {@link GuardRejectedException}: an enclosing {@code @Breaker} and
 * {@code @CountCalls} count it as one. Its cause is the exception the body threw after the
 * deadline (often an {@link InterruptedException} or an I/O exception caused by the interrupt), or
 * {@code null} if the body returned a value, which is discarded.
 *
 * <p>Immutable once thrown; safe to share between threads.
 *
 * <p>Example: answer from a cache when the partner is slow:
 *
 * <pre>{@code
 * try {
 *   return prices.quote(sku);
 * } catch (CallTimeoutException e) {
 *   log.info("quote for " + sku + " took over " + e.millis() + " ms; using the cached price");
 *   return cache.quote(sku);
 * }
 * }</pre>
 */
public class CallTimeoutException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The name of the timeout guard. */
  private final String guardName;
  /** The time limit that was exceeded, in milliseconds. */
  private final long millis;

  /**
   * A call of the timeout guard {@code guardName} ran longer than {@code millis}.
   *
   * @param guardName the guard's name
   * @param millis the guard's time limit, in milliseconds
   * @param cause what the body threw after the deadline, or {@code null} if it returned
   */
  public CallTimeoutException(String guardName, long millis, Throwable cause) {
    super("Call of '" + guardName + "' timed out after " + millis + " ms", cause);
    this.guardName = guardName;
    this.millis = millis;
  }

  /** {@return the name of the timeout guard} */
  public String guardName() {
    return guardName;
  }

  /** {@return the time limit that was exceeded, in milliseconds} */
  public long millis() {
    return millis;
  }
}
