package dev.warden.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link FakeTime} whose next clock read can run a one-shot hook: before the reading is taken
 * (something happens just before the caller looks at the clock) or after it (time passes between
 * the caller's reading and whatever it does next). A hook may read the clock itself without
 * running again.
 *
 * <p>Thread-safe.
 */
final class HookedTime implements TimeSource {

  private final FakeTime time = new FakeTime();
  private final AtomicReference<Runnable> before = new AtomicReference<>();
  private final AtomicReference<Runnable> after = new AtomicReference<>();

  /** Runs {@code hook} at the next read, before the reading is taken. */
  void beforeNextRead(Runnable hook) {
    before.set(hook);
  }

  /** Runs {@code hook} at the next read, after the reading is taken (the caller gets the earlier time). */
  void afterNextRead(Runnable hook) {
    after.set(hook);
  }

  @Override
  public long nanoTime() {
    Runnable first = before.getAndSet(null);
    if (first != null) {
      first.run();
    }
    long reading = time.nanoTime();
    Runnable then = after.getAndSet(null);
    if (then != null) {
      then.run();
    }
    return reading;
  }

  @Override
  public void parkNanos(long nanos) {
    time.parkNanos(nanos);
  }

  void advance(long nanos) {
    time.advance(nanos);
  }

  long peek() {
    return time.peek();
  }
}
