package dev.warden.runtime.store;

import java.util.Objects;

/**
 * A limiter's link to a shared store: its bucket there and what it does while the store fails.
 *
 * <p>Immutable.
 *
 * @param store the store
 * @param bucket the guard's bucket in {@code store}
 * @param onFailure what a call does while the store fails
 */
public record StoreBinding(BucketStore store, SharedBucket bucket, OnStoreFailure onFailure) {

  /**
   * Checks that no component is {@code null}.
   *
   * @param store the store
   * @param bucket the guard's bucket in {@code store}
   * @param onFailure what a call does while the store fails
   */
  public StoreBinding {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(onFailure, "onFailure");
  }
}
