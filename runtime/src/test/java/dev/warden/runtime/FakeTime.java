package dev.warden.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake clock for tests: time moves only when a test advances it or when a caller parks, and
 * parking advances it by exactly the requested amount instead of sleeping. It starts one second
 * before {@code Long.MAX_VALUE} so that every test also crosses the {@code nanoTime} wrap-around.
 *
 * <p>Thread-safe.
 */
public final class FakeTime implements TimeSource {

  private final AtomicLong now;
  private final AtomicInteger parks = new AtomicInteger();
  private final AtomicLong reads = new AtomicLong();

  /** A clock at {@code Long.MAX_VALUE - 1 s}. */
  public FakeTime() {
    this(Long.MAX_VALUE - 1_000_000_000L);
  }

  /** A clock at {@code start}. */
  public FakeTime(long start) {
    now = new AtomicLong(start);
  }

  @Override
  public long nanoTime() {
    reads.incrementAndGet();
    return now.get();
  }

  @Override
  public void parkNanos(long nanos) {
    parks.incrementAndGet();
    now.addAndGet(nanos);
  }

  /** Moves time forward by {@code nanos}. */
  public void advance(long nanos) {
    now.addAndGet(nanos);
  }

  /** Moves time forward by {@code millis}. */
  public void advanceMillis(long millis) {
    advance(millis * 1_000_000L);
  }

  /** The current time, without counting it as a read. */
  public long peek() {
    return now.get();
  }

  /** How often {@link #parkNanos} was called. */
  public int parks() {
    return parks.get();
  }

  /** How often {@link #nanoTime} was called. */
  public long reads() {
    return reads.get();
  }
}
