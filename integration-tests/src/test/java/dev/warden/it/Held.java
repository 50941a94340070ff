package dev.warden.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A call running on a thread of its own whose body waits until {@link #finish()}: while it waits,
 * the call holds whatever its guards gave it (a bulkhead slot). Deterministic: a scenario waits for
 * the body to start ({@link #start} returns only then) and decides when it ends.
 */
final class Held {

  private static final long LIMIT_SECONDS = 60;

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<Object> outcome = new AtomicReference<>();
  private final Thread thread;

  private Held(Function<Runnable, Object> call) {
    Runnable body = () -> {
      entered.countDown();
      try {
        if (!release.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      }
    };
    thread = new Thread(() -> {
      try {
        outcome.set(call.apply(body));
      } catch (Throwable e) {
        outcome.set(e);
      }
    }, "held");
  }

  /** Starts {@code call} with the waiting body and returns once the body runs. */
  static Held start(Function<Runnable, Object> call) throws InterruptedException {
    Held held = new Held(call);
    held.thread.start();
    if (!held.entered.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("the held call's body did not start within " + LIMIT_SECONDS + " s: "
          + held.outcome.get());
    }
    return held;
  }

  /** Lets the body end; returns what the call returned, or the throwable it threw. */
  Object finish() throws InterruptedException {
    release.countDown();
    thread.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
    if (thread.isAlive()) {
      throw new AssertionError("the held call did not end within " + LIMIT_SECONDS + " s");
    }
    return outcome.get();
  }
}
