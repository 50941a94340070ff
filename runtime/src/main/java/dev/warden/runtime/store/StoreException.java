package dev.warden.runtime.store;

/**
 * A shared store did not answer in time, is unreachable, or failed. Thrown by {@link
 * SharedBucket#reserve}; the limiter answers it with its {@link OnStoreFailure} policy, so it
 * never reaches the caller of a guarded method.
 *
 * <p>Immutable once thrown.
 */
public class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A store failure.
   *
   * @param message what failed, naming the store (never a password)
   * @param cause the client's exception, or {@code null}
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
