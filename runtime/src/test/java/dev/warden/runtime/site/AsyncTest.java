package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A {@code CompletionStage} method's outcome is recorded when the stage completes. */
class AsyncTest {

  static class Client {
    @CountCalls(name = "async.stats")
    @Breaker(name = "async.breaker", failureThreshold = 1, cooldownMillis = 600_000)
    CompletableFuture<String> load() {
      return null;
    }

    @Breaker(name = "async.unwrap", failureThreshold = 1, cooldownMillis = 600_000, failOn = IOException.class)
    CompletionStage<String> derived() {
      return null;
    }

    @Throttled(name = "async.throttled", callsPerSecond = 0.001, maxWaitMillis = 0, fallback = "stale")
    CompletableFuture<String> refresh() {
      return null;
    }

    CompletableFuture<String> stale(ThrottledException e) {
      return CompletableFuture.completedFuture("stale");
    }

    @Throttled(name = "async.brokenFallback", callsPerSecond = 0.001, maxWaitMillis = 0, fallback = "broken")
    CompletableFuture<String> fetch() {
      return null;
    }

    CompletableFuture<String> broken() {
      throw new IllegalStateException("fallback failed");
    }
  }

  @Test
  void outcomeIsRecordedOnCompletionAndARejectionIsAFailedStage() throws Exception {
    GuardSite site = GuardSite.forMethod(Client.class, "load");
    CallStats stats = Warden.callStats("async.stats").orElseThrow();
    CircuitBreaker breaker = Warden.breaker("async.breaker").orElseThrow();

    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<?> returned = (CompletableFuture<?>) Protocol.call(site, () -> first);
    assertEquals(1, stats.inFlight(), "running until the stage completes");
    assertEquals(0, stats.successes());
    assertFalse(returned.isDone());
    first.complete("ok");
    assertEquals("ok", returned.getNow(null), "the caller's stage completes after the outcome is recorded");
    assertEquals(0, stats.inFlight());
    assertEquals(1, stats.successes());

    CompletableFuture<String> second = new CompletableFuture<>();
    Protocol.call(site, () -> second);
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertEquals(0, stats.failures());
    second.completeExceptionally(new IOException("late"));
    assertEquals(1, stats.failures());
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());

    Object rejected = Protocol.call(site, () -> {
      throw new AssertionError("must not run");
    });
    CompletableFuture<?> failed = assertInstanceOf(CompletableFuture.class, rejected);
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, failed::get);
    assertInstanceOf(CircuitOpenException.class, e.getCause());
    assertEquals(3, stats.calls());
    assertEquals(1, stats.rejections());
  }

  @Test
  void aDependentStagesFailureIsUnwrappedBeforeMatchingFailOn() throws Exception {
    GuardSite site = GuardSite.forMethod(Client.class, "derived");
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletionStage<String> dependent = source.thenApply(String::trim);
    Protocol.call(site, () -> dependent);
    source.completeExceptionally(new IOException("cause"));
    assertEquals(CircuitBreaker.State.OPEN, Warden.breaker("async.unwrap").orElseThrow().state(),
        "the CompletionException's IOException cause matched failOn");
  }

  @Test
  void asyncFallbackReplacesTheRejection() throws Exception {
    GuardSite site = GuardSite.forMethod(Client.class, "refresh");
    Client client = new Client();
    Protocol.call(site, client, new Object[0], () -> CompletableFuture.completedFuture("fresh"));
    Object result = Protocol.call(site, client, new Object[0], () -> {
      throw new AssertionError("must not run");
    });
    assertEquals("stale", ((CompletableFuture<?>) result).get());
    assertTrue(((CompletableFuture<?>) result).isDone());
  }

  @Test
  void anAsyncFallbacksExceptionIsAFailedStage() throws Exception {
    GuardSite site = GuardSite.forMethod(Client.class, "fetch");
    Client client = new Client();
    Protocol.call(site, client, new Object[0], () -> CompletableFuture.completedFuture("fresh"));
    Object result = Protocol.call(site, client, new Object[0], () -> {
      throw new AssertionError("must not run");
    });
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        ExecutionException.class, ((CompletableFuture<?>) result)::get);
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals("fallback failed", e.getCause().getMessage());
  }
}
