package dev.warden.runtime.site;

import dev.warden.runtime.FakeTime;
import dev.warden.runtime.TimeSource;

/**
 * A fake clock ({@link FakeTime}) whose n-th next reading can fail as it would on a thread at
 * the end of its stack ({@link StackOverflowError}), and whose next park can run a hook first
 * (something happens while a caller waits).
 *
 * <p>For one test thread at a time: not thread-safe.
 */
final class FailingTime implements TimeSource {
  final FakeTime fake = new FakeTime();
  /** Readings left before the failing one; 0: no failure armed. */
  int failAtRead;
  /** Runs once at the next park, before time moves on. */
  Runnable atNextPark;

  @Override
  public long nanoTime() {
    if (failAtRead > 0 && --failAtRead == 0) {
      throw new StackOverflowError("simulated");
    }
    return fake.nanoTime();
  }

  @Override
  public void parkNanos(long nanos) {
    Runnable hook = atNextPark;
    atNextPark = null;
    if (hook != null) {
      hook.run();
    }
    fake.parkNanos(nanos);
  }
}
