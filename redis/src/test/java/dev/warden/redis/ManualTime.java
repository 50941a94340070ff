package dev.warden.redis;

import dev.warden.runtime.TimeSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock moved by hand (parking moves it too). Thread-safe. */
final class ManualTime implements TimeSource {
  private final AtomicLong now = new AtomicLong(123_456_789);

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public void parkNanos(long nanos) {
    now.addAndGet(nanos);
  }

  void advance(long nanos) {
    now.addAndGet(nanos);
  }
}
