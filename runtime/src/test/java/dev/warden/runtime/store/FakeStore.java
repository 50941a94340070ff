package dev.warden.runtime.store;

import dev.warden.runtime.RateLimiterConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scripted store: one {@link FakeBucket} per guard name, kept so that a test can script it.
 *
 * <p>Thread-safe.
 */
public final class FakeStore implements BucketStore {

  private final String description;
  private final Map<String, FakeBucket> buckets = new ConcurrentHashMap<>();

  /** A store that describes itself as {@code description}. */
  public FakeStore(String description) {
    this.description = description;
  }

  @Override
  public FakeBucket bucket(String guardName, RateLimiterConfig config) {
    return buckets.computeIfAbsent(guardName, name -> new FakeBucket(name, config));
  }

  /** {@return the bucket handed out for {@code guardName}, or {@code null}} */
  public FakeBucket bucket(String guardName) {
    return buckets.get(guardName);
  }

  @Override
  public String describe() {
    return description;
  }
}
