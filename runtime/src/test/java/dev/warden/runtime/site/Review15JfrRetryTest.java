package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/**
 * Review 15: recording {@code dev.warden.Retry} must not change what a call does. The event reads
 * the previous failure's message on the call's own path, unprotected: a failure whose {@code
 * getMessage()} throws then ends the call with that exception instead of retrying it, and the
 * call is never recorded (it stays in flight). The breaker's log line guards the same read.
 */
class Review15JfrRetryTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  static class Fixture {
    @CountCalls(name = "r15.jfrRetry")
    @Retry(name = "r15.jfrRetry", maxAttempts = 2, delayMillis = 10, jitter = 0)
    void retried() {}
  }

  /** A {@code CompletionStage} method with {@code @Retry}, following the protocol as woven code does. */
  static class AsyncClient {
    GuardSite site;
    final Deque<Supplier<CompletionStage<String>>> attempts = new ArrayDeque<>();

    @CountCalls(name = "r15.jfrAsyncRetry")
    @Retry(name = "r15.jfrAsyncRetry", maxAttempts = 2, delayMillis = 50, jitter = 0)
    CompletionStage<String> fetch() throws Exception {
      @SuppressWarnings("unchecked")
      CompletionStage<String> stage = (CompletionStage<String>) Protocol.callRetrying(site, this, null,
          () -> attempts.remove().get());
      return stage;
    }
  }

  /** A failure whose message cannot be computed (a lazily formatted message whose state is gone). */
  static final class UnprintableFailure extends IOException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("message unavailable");
    }
  }

  /**
   * The same failure with a {@code toString()} that works. JDK 17's {@code CompletableFuture} wraps
   * a failure in a {@code CompletionException}, whose constructor calls the failure's {@code
   * toString()} unguarded (JDK 25 guards it): there, a failure whose {@code toString()} throws
   * breaks every {@code whenComplete} on its stage, recorded or not. This test is about the
   * recording, so its failure only fails {@code getMessage()}.
   */
  static final class LazyMessageFailure extends IOException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("message unavailable");
    }

    @Override
    public String toString() {
      return LazyMessageFailure.class.getName();
    }
  }

  private Object callFailingOnce(GuardSite site) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    return Protocol.callRetrying(site, () -> {
      if (attempts.incrementAndGet() == 1) {
        throw new UnprintableFailure();
      }
      return "ok";
    });
  }

  @Test
  void aRecordedRetryEventDoesNotChangeTheCall() throws Exception {
    GuardSite site = Protocol.site(registry, timer, Fixture.class, "retried");
    assertEquals("ok", callFailingOnce(site), "without a recording: retried, then ok");
    try (Recording recording = new Recording()) {
      recording.enable("dev.warden.Retry");
      recording.start();
      assertEquals("ok", callFailingOnce(site), "with the Retry event recorded: the same");
      recording.stop();
    }
    CallStats stats = registry.findStats("r15.jfrRetry");
    assertEquals(0, stats.inFlight(), "every call ended");
    assertEquals(2, stats.successes());
  }

  @Test
  void aRecordedRetryEventDoesNotLeaveAnAsynchronousCallHanging() throws Exception {
    AsyncClient client = new AsyncClient();
    client.site = Protocol.wovenSite(registry, timer, () -> 0.5, AsyncClient.class, "fetch");
    client.attempts.add(() -> CompletableFuture.failedFuture(new LazyMessageFailure()));
    client.attempts.add(() -> CompletableFuture.completedFuture("second"));
    CompletableFuture<String> fetched;
    try (Recording recording = new Recording()) {
      recording.enable("dev.warden.Retry");
      recording.start();
      fetched = client.fetch().toCompletableFuture();
      time.advanceMillis(50);
      try {
        timer.scanOnce(); // runs the retry
      } catch (RuntimeException escaped) {
        // whatever escapes to the timer thread; the caller's stage is what matters
      }
      recording.stop();
    }
    assertEquals(true, fetched.isDone(), "the caller's stage completed (retried, then \"second\")");
    assertEquals("second", fetched.join());
    assertEquals(0, registry.findStats("r15.jfrAsyncRetry").inFlight(), "the call ended");
  }
}
