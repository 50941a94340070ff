package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code @Retry} for {@code CompletionStage} methods at the site: the caller gets its stage at
 * once, later attempts start on the timer when their delay is over (driven here by hand on a
 * fake clock: {@link TimeoutTimer#scanOnce()} with hand-offs run inline), and the stage completes
 * with the first success or the last failure.
 */
class AsyncRetryTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  /** Methods that follow the protocol themselves around their body, as woven code does. */
  static class Client {
    GuardSite site;
    /** Each attempt's body: what it returns or throws. */
    final Deque<Supplier<CompletionStage<String>>> attempts = new ArrayDeque<>();
    final List<Thread> threads = new ArrayList<>();

    @CountCalls(name = "ar.fetch")
    @Retry(name = "ar.fetch", maxAttempts = 3, delayMillis = 100, multiplier = 2, jitter = 0)
    CompletionStage<String> fetch() throws Exception {
      return stage(Protocol.callRetrying(site, this, null, () -> {
        threads.add(Thread.currentThread());
        return attempts.remove().get();
      }));
    }

    @Retry(name = "ar.breaker", maxAttempts = 3, delayMillis = 0)
    @Breaker(name = "ar.breaker", failureThreshold = 1, cooldownMillis = 60_000)
    CompletableFuture<String> breaker() throws Exception {
      return stage(Protocol.callRetrying(site, this, null, () -> attempts.remove().get())).toCompletableFuture();
    }

    @Retry(name = "ar.timeout", maxAttempts = 2, delayMillis = 0)
    @Timeout(name = "ar.timeout", millis = 100)
    CompletableFuture<String> timeout() throws Exception {
      return stage(Protocol.callRetrying(site, this, null, () -> attempts.remove().get())).toCompletableFuture();
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<String> stage(Object result) {
      return (CompletionStage<String>) result;
    }
  }

  private Client client(String method) {
    Client client = new Client();
    client.site = Protocol.wovenSite(registry, timer, () -> 0.5, Client.class, method);
    return client;
  }

  /** The retry statistics of a client's site, named {@code ar.<method>}. */
  private RetryStats retryOf(Client client) {
    String method = client.site.method();
    return registry.findRetry("ar." + method.substring(method.indexOf('#') + 1));
  }

  private static Supplier<CompletionStage<String>> failsWith(Throwable failure) {
    return () -> CompletableFuture.failedFuture(failure);
  }

  private static Supplier<CompletionStage<String>> returns(String value) {
    return () -> CompletableFuture.completedFuture(value);
  }

  /** Moves the clock on and lets the timer start what is due. */
  private void after(long millis) {
    time.advanceMillis(millis);
    timer.scanOnce();
  }

  @Test
  void theStageIsReturnedAtOnceAndCompletesWithTheFirstSuccess() throws Exception {
    Client client = client("fetch");
    client.attempts.add(failsWith(new IOException("1")));
    client.attempts.add(failsWith(new IOException("2")));
    client.attempts.add(returns("ok"));
    CompletableFuture<String> stage = client.fetch().toCompletableFuture();
    assertFalse(stage.isDone(), "the first attempt failed; the second waits for its delay");
    assertEquals(1, client.threads.size());
    assertSame(Thread.currentThread(), client.threads.get(0), "the first attempt runs on the caller's thread");
    after(99);
    assertEquals(1, client.threads.size(), "not before its delay");
    after(1);
    assertEquals(2, client.threads.size());
    assertFalse(stage.isDone());
    after(199);
    assertEquals(2, client.threads.size());
    after(1);
    assertEquals("ok", stage.join());
    RetryStats retry = retryOf(client);
    assertEquals(2, retry.retries());
    assertEquals(1, retry.successesAfterRetry());
    CallStats stats = registry.findStats("ar.fetch");
    assertEquals(1, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(0, stats.failures());
  }

  @Test
  void laterAttemptsRunOnTheTimersHandOffNotTheCaller() throws Exception {
    List<Thread> handOff = new ArrayList<>();
    TimeoutTimer handingOff = new TimeoutTimer(time, task -> {
      Thread thread = new Thread(task, "hand-off");
      handOff.add(thread);
      thread.start();
      try {
        thread.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }, false);
    Client client = new Client();
    client.site = Protocol.wovenSite(registry, handingOff, () -> 0.5, Client.class, "fetch");
    client.attempts.add(failsWith(new IOException()));
    client.attempts.add(returns("ok"));
    CompletableFuture<String> stage = client.fetch().toCompletableFuture();
    time.advanceMillis(100);
    handingOff.scanOnce();
    assertEquals("ok", stage.join());
    assertEquals(1, handOff.size());
    assertSame(handOff.get(0), client.threads.get(1));
  }

  @Test
  void theLastFailureCompletesTheStageUnchanged() {
    Client client = client("fetch");
    IOException last = new IOException("3");
    client.attempts.add(failsWith(new IOException("1")));
    client.attempts.add(failsWith(new IOException("2")));
    client.attempts.add(failsWith(last));
    CompletableFuture<String> stage;
    try {
      stage = client.fetch().toCompletableFuture();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    after(100);
    after(200);
    CompletionException e = assertThrows(CompletionException.class, stage::join);
    assertSame(last, e.getCause());
    assertEquals(0, last.getSuppressed().length);
    assertEquals(1, retryOf(client).exhausted());
    assertEquals(1, registry.findStats("ar.fetch").failures());
  }

  @Test
  void aSynchronousThrowIsAFailedAttemptAndTheCallerStillGetsAStage() throws Exception {
    Client client = client("fetch");
    client.attempts.add(() -> {
      throw new IllegalStateException("thrown, not returned");
    });
    client.attempts.add(returns("ok"));
    CompletableFuture<String> stage = client.fetch().toCompletableFuture();
    assertFalse(stage.isDone());
    after(100);
    assertEquals("ok", stage.join());
  }

  @Test
  void cancellingTheStageStopsRetrying() throws Exception {
    Client client = client("fetch");
    client.attempts.add(failsWith(new IOException()));
    client.attempts.add(returns("never"));
    CompletableFuture<String> stage = client.fetch().toCompletableFuture();
    assertTrue(stage.cancel(true));
    after(1_000);
    assertEquals(1, client.threads.size(), "no attempt after the cancellation");
    assertEquals(0, retryOf(client).retries());
    CallStats stats = registry.findStats("ar.fetch");
    assertEquals(1, stats.failures(), "a cancelled call is one failed call");
  }

  @Test
  void cancellingTheStageCancelsTheRunningAttempt() throws Exception {
    Client client = client("fetch");
    CompletableFuture<String> running = new CompletableFuture<>();
    client.attempts.add(failsWith(new IOException()));
    client.attempts.add(() -> running);
    CompletableFuture<String> stage = client.fetch().toCompletableFuture();
    after(100);
    assertEquals(2, client.threads.size());
    stage.cancel(true);
    assertTrue(running.isCancelled(), "the running attempt's own stage is cancelled");
    assertEquals(1, registry.findStats("ar.fetch").failures());
  }

  @Test
  void anOpenCircuitFailsTheStageWithoutFurtherAttempts() throws Exception {
    Client client = client("breaker");
    IOException first = new IOException();
    client.attempts.add(failsWith(first));
    CompletableFuture<String> stage = client.breaker();
    after(0);
    CompletionException e = assertThrows(CompletionException.class, stage::join);
    CircuitOpenException open = assertInstanceOf(CircuitOpenException.class, e.getCause());
    assertEquals("ar.breaker", open.guardName());
    assertTrue(client.attempts.isEmpty());
    assertEquals(1, retryOf(client).retries());
  }

  @Test
  void eachAttemptIsBoundedByTheTimeout() throws Exception {
    Client client = client("timeout");
    CompletableFuture<String> slow = new CompletableFuture<>();
    client.attempts.add(() -> slow);
    client.attempts.add(returns("fast"));
    CompletableFuture<String> stage = client.timeout();
    after(100); // the first attempt times out (its own stage is cancelled), the second is due at once
    assertTrue(slow.isCancelled());
    after(0);
    assertEquals("fast", stage.join());
    assertEquals(1, registry.findTimeout("ar.timeout").timeouts());
  }

  @Test
  void aTimedOutLastAttemptFailsTheStageWithItsTimeout() throws Exception {
    Client client = client("timeout");
    client.attempts.add(() -> new CompletableFuture<>());
    client.attempts.add(() -> new CompletableFuture<>());
    CompletableFuture<String> stage = client.timeout();
    after(100);
    after(0);
    after(100);
    CompletionException e = assertThrows(CompletionException.class, stage::join);
    assertInstanceOf(CallTimeoutException.class, e.getCause());
    assertEquals(2, registry.findTimeout("ar.timeout").timeouts());
    assertEquals(1, retryOf(client).exhausted());
  }
}
