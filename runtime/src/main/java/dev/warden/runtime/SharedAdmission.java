package dev.warden.runtime;

import dev.warden.runtime.store.BucketException;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreBinding;

/**
 * How a limiter bound to a shared store admits calls: by its bucket in the store while the store
 * and the bucket answer, else by its {@link OnStoreFailure} policy, whose {@code local} bucket is
 * the limiter's own. A failure of the store ({@link dev.warden.runtime.store.StoreException}, or
 * any other {@link RuntimeException} of the provider, which never reaches the caller) counts
 * against the store's {@link StoreHealth}, shared by its limiters; a {@link BucketException}
 * against this guard's bucket alone. Under the {@code local} policy every permit the store grants is
 * also charged to the limiter's own bucket, so that an outage's first calls start from what this
 * process has taken rather than from a full bucket.
 *
 * <p>Thread-safe and lock-free.
 */
final class SharedAdmission {

  private final String guard;
  private final int burst;
  private final StoreBinding binding;
  private final SharedBucket bucket;
  private final OnStoreFailure policy;
  private final StoreHealth storeHealth;
  private final StoreHealth bucketHealth;

  SharedAdmission(String guard, RateLimiterConfig config, StoreBinding binding, TimeSource time) {
    this.guard = guard;
    this.burst = config.burst();
    this.binding = binding;
    this.bucket = binding.bucket();
    this.policy = binding.onFailure();
    this.storeHealth = StoreHealth.of(binding.store(), time);
    this.bucketHealth = StoreHealth.ofBucket(guard, binding.store(), time);
  }

  /** As {@link RateLimiter#reserve}: in the store, else by the policy with {@code limiter}'s own bucket. */
  long reserve(RateLimiter limiter, long maxWaitNanos) {
    StoreHealth.Ticket store = storeHealth.admit();
    if (store == null) {
      return fallback(limiter, maxWaitNanos);
    }
    StoreHealth.Ticket own = bucketHealth.admit();
    if (own == null) {
      storeHealth.abandon(store);
      return fallback(limiter, maxWaitNanos);
    }
    long wait;
    try {
      // a probe must reach the store: an answer from permits held in the process proves nothing
      boolean probe = store instanceof StoreHealth.Outage || own instanceof StoreHealth.Outage;
      wait = probe ? bucket.reserveFromStore(maxWaitNanos) : bucket.reserve(maxWaitNanos);
    } catch (BucketException e) {
      storeHealth.succeeded(store);
      bucketHealth.failed(own, e, guard, policy);
      return fallback(limiter, maxWaitNanos);
    } catch (RuntimeException e) {
      bucketHealth.abandon(own);
      storeHealth.failed(store, e, guard, policy);
      return fallback(limiter, maxWaitNanos);
    }
    storeHealth.succeeded(store);
    bucketHealth.succeeded(own);
    if (wait >= 0 && policy == OnStoreFailure.LOCAL) {
      limiter.chargeLocally();
    }
    return wait;
  }

  /** As {@link RateLimiter#availablePermits}: asks the store unless it is down; never probes. */
  long availablePermits(RateLimiter limiter) {
    StoreHealth.Ticket store = storeHealth.ifUp();
    StoreHealth.Ticket own = bucketHealth.ifUp();
    if (store != null && own != null) {
      try {
        return bucket.availablePermits();
      } catch (BucketException e) {
        bucketHealth.failed(own, e, guard, policy);
      } catch (RuntimeException e) {
        storeHealth.failed(store, e, guard, policy);
      }
    }
    return switch (policy) {
      case LOCAL -> limiter.localPermits();
      case ALLOW -> burst;
      case REJECT -> 0;
    };
  }

  /** {@return how logs and JMX name the store} */
  String store() {
    return binding.store().describe();
  }

  private long fallback(RateLimiter limiter, long maxWaitNanos) {
    return switch (policy) {
      case LOCAL -> limiter.reserveLocally(maxWaitNanos);
      case ALLOW -> 0;
      case REJECT -> -1;
    };
  }
}
