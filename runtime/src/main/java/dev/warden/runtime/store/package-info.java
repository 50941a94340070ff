/**
 * The service interface of shared rate-limit stores: where a {@code @Throttled} guard keeps its
 * bucket when several processes must share one limit.
 *
 * <p>The runtime finds a {@link dev.warden.runtime.store.BucketStoreProvider} with {@link
 * java.util.ServiceLoader} when a guard is configured with {@code warden.<name>.store=<store>} (or
 * {@code warden.store=<store>} for every throttle); {@code warden-redis} provides the store {@code
 * redis}. A provider never throws its client's exceptions: every failure of a call is a {@link
 * dev.warden.runtime.store.StoreException}, which the limiter answers with its {@link
 * dev.warden.runtime.store.OnStoreFailure} policy.
 */
package dev.warden.runtime.store;
