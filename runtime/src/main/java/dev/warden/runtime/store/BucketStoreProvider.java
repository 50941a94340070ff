package dev.warden.runtime.store;

/**
 * A kind of shared store, found with {@link java.util.ServiceLoader}: {@code
 * warden.<guard>.store=<name>} selects the provider whose {@link #name()} is {@code <name>}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface BucketStoreProvider {

  /** {@return the word that selects this store in {@code warden.<guard>.store}, e.g. {@code redis}} */
  String name();

  /**
   * The store for {@code settings}; stores with equal settings (e.g. the same URI) should be one
   * store, sharing one connection. Called when a guard is created, never on a call's path. It may
   * wait for a new store's first connection, for a time bounded by the store's own settings; a
   * store that is not connected then connects in the background and answers calls with {@link
   * StoreException} until it is.
   *
   * @param settings the store's settings ({@code warden.<name>.*})
   * @return the store
   * @throws dev.warden.runtime.ConfigurationException if a setting is missing or invalid; the
   *     message names the key and the value
   */
  BucketStore open(StoreSettings settings);
}
