package dev.warden.runtime.store;

/**
 * The store answers, but one guard's bucket cannot be used (e.g. its key holds a value of
 * another type). The guard answers with its {@link OnStoreFailure} policy; other guards of the
 * store are unaffected.
 *
 * <p>Immutable once thrown.
 */
public class BucketException extends StoreException {

  private static final long serialVersionUID = 1L;

  /**
   * A failure of one bucket.
   *
   * @param message what failed, naming the guard and its key
   * @param cause the client's exception, or {@code null}
   */
  public BucketException(String message, Throwable cause) {
    super(message, cause);
  }
}
