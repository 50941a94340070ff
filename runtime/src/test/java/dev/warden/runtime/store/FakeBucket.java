package dev.warden.runtime.store;

import dev.warden.runtime.RateLimiterConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted shared bucket: {@link #reserve} answers a fixed wait (0 until {@link #answer} says
 * otherwise) or throws what {@link #fail} set, and counts its calls; allocates nothing per call.
 *
 * <p>Thread-safe.
 */
public final class FakeBucket implements SharedBucket {

  private final String guard;
  private final RateLimiterConfig config;
  private final AtomicInteger reserves = new AtomicInteger();
  private final AtomicInteger permitReads = new AtomicInteger();
  private volatile long answer;
  private volatile long permits;
  private volatile RuntimeException failure;
  private volatile long lastMaxWait = -1;

  FakeBucket(String guard, RateLimiterConfig config) {
    this.guard = guard;
    this.config = config;
    this.permits = config.burst();
  }

  @Override
  public long reserve(long maxWaitNanos) {
    reserves.incrementAndGet();
    lastMaxWait = maxWaitNanos;
    RuntimeException failure = this.failure;
    if (failure != null) {
      throw failure;
    }
    return answer;
  }

  @Override
  public long availablePermits() {
    permitReads.incrementAndGet();
    RuntimeException failure = this.failure;
    if (failure != null) {
      throw failure;
    }
    return permits;
  }

  /** From now on {@link #reserve} answers {@code wait} (nanoseconds, or -1) and nothing fails. */
  public FakeBucket answer(long wait) {
    answer = wait;
    failure = null;
    return this;
  }

  /** From now on both calls throw {@code e}. */
  public FakeBucket fail(RuntimeException e) {
    failure = e;
    return this;
  }

  /** From now on {@link #availablePermits} answers {@code permits}. */
  public FakeBucket permits(long permits) {
    this.permits = permits;
    return this;
  }

  /** {@return how often {@link #reserve} was called} */
  public int reserves() {
    return reserves.get();
  }

  /** {@return how often {@link #availablePermits} was called} */
  public int permitReads() {
    return permitReads.get();
  }

  /** {@return the maxWaitNanos of the last reserve, -1 if none} */
  public long lastMaxWait() {
    return lastMaxWait;
  }

  /** {@return the guard name the store was asked for} */
  public String guard() {
    return guard;
  }

  /** {@return the configuration the store was asked for} */
  public RateLimiterConfig config() {
    return config;
  }
}
