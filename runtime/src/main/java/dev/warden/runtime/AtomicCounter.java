package dev.warden.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter that only grows and never loses an increment, whatever the number of threads; a
 * primitive for users as much as for Warden itself.
 *
 * <p>Thread-safe and lock-free: every method may be called concurrently, and every operation is
 * atomic (linearizable); {@link #increment()} returns the exact value it produced, so each value
 * is handed to exactly one caller. Where only a sum is needed and the returned value is not,
 * {@link java.util.concurrent.atomic.LongAdder} scales better under contention.
 *
 * <p>Example: hand out unique, gap-free ticket numbers to concurrent requests:
 *
 * <pre>{@code
 * AtomicCounter tickets = new AtomicCounter(1000);
 * long ticket = tickets.increment();     // 1001 for the first caller, 1002 for the next...
 * tickets.increment(10);                 // reserve a block of ten
 * }</pre>
 */
public final class AtomicCounter {

  private final AtomicLong value;

  /** A counter at 0. */
  public AtomicCounter() {
    this(0);
  }

  /**
   * A counter at {@code initialValue}, e.g. to continue a count kept elsewhere.
   *
   * @param initialValue the starting value
   */
  public AtomicCounter(long initialValue) {
    value = new AtomicLong(initialValue);
  }

  /** {@return the new value, after adding one} */
  public long increment() {
    return value.incrementAndGet();
  }

  /**
   * Adds {@code delta} and returns the new value.
   *
   * @param delta how much to add; {@code >= 0}
   * @return the new value
   * @throws IllegalArgumentException if {@code delta} is negative (a counter only grows)
   */
  public long increment(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("delta must be >= 0, got " + delta);
    }
    return value.addAndGet(delta);
  }

  /** {@return the current value} */
  public long value() {
    return value.get();
  }

  @Override
  public String toString() {
    return Long.toString(value.get());
  }
}
