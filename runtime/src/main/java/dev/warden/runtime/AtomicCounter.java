package dev.warden.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter that never loses an increment, whatever the number of threads.
 *
 * <p>Thread-safe and lock-free: every method may be called concurrently; {@link #increment()}
 * returns the exact value it produced. Where only a sum is needed and the returned value is not,
 * {@link java.util.concurrent.atomic.LongAdder} scales better under contention.
 */
public final class AtomicCounter {

  private final AtomicLong value = new AtomicLong();

  /** Adds one and returns the new value. */
  public long increment() {
    return value.incrementAndGet();
  }

  /**
   * Adds {@code delta} and returns the new value.
   *
   * @throws IllegalArgumentException if {@code delta} is negative (a counter only grows)
   */
  public long increment(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("delta must be >= 0, got " + delta);
    }
    return value.addAndGet(delta);
  }

  /** The current value. */
  public long value() {
    return value.get();
  }

  @Override
  public String toString() {
    return Long.toString(value.get());
  }
}
