package dev.warden.runtime.site;

import java.util.concurrent.atomic.AtomicReference;

/** Runs a test's body on a new platform thread, where nothing of a previous call is left, and waits for it. */
final class FreshThread {

  /** A body that may throw. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  private FreshThread() {}

  /** Runs {@code body} on a new thread and waits for it; rethrows what it threw as an {@link AssertionError}. */
  static void run(Body body) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    thread.start();
    thread.join();
    if (thrown.get() != null) {
      throw new AssertionError(thrown.get());
    }
  }
}
