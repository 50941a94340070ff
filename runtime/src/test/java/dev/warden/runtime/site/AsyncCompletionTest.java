package dev.warden.runtime.site;

import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.FakeTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A guarded asynchronous call's outcome is recorded before the caller can observe the completion
 * of what the call returned; a {@code null} stage is a failure.
 */
class AsyncCompletionTest {

  static class Client {
    @CountCalls(name = "completion.stats")
    CompletableFuture<String> load() {
      return null;
    }

    @CountCalls(name = "completion.subclass")
    StageTypeTest.MyFuture<String> loadMine() {
      return null;
    }

    @CountCalls(name = "completion.stage")
    CompletionStage<String> loadStage() {
      return null;
    }

    @CountCalls(name = "completion.null")
    @Breaker(name = "completion.null", failureThreshold = 1, cooldownMillis = 1_000)
    CompletableFuture<String> nothing() {
      return null;
    }
  }

  @Test
  void statsReadRightAfterJoinIncludeTheCall() throws Exception {
    checkOrdering("load", "completion.stats", CompletableFuture::new);
    checkOrdering("loadMine", "completion.subclass", StageTypeTest.MyFuture::new);
    checkOrdering("loadStage", "completion.stage", CompletableFuture::new);
  }

  private static void checkOrdering(String method, String statsName, java.util.function.Supplier<CompletableFuture<String>> make)
      throws Exception {
    GuardSite site = GuardSite.forMethod(Client.class, method);
    CallStats stats = dev.warden.runtime.Warden.callStats(statsName).orElseThrow();
    ExecutorService completer = Executors.newSingleThreadExecutor();
    try {
      for (int i = 1; i <= 2_000; i++) {
        CompletableFuture<String> own = make.get();
        CountDownLatch go = new CountDownLatch(1);
        Object returned = Protocol.call(site, () -> own);
        completer.execute(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          own.complete("v");
        });
        go.countDown();
        assertEquals("v", ((CompletionStage<?>) returned).toCompletableFuture().join());
        assertEquals(i, stats.successes(), method + ": call " + i + " recorded before join returned");
        assertEquals(own.getClass(), returned.getClass(), "the method's own stage type");
      }
    } finally {
      completer.shutdownNow();
    }
  }

  @Test
  void cancellingWhatTheCallReturnedCancelsTheMethodsOwnStage() throws Exception {
    for (String method : new String[] {"load", "loadMine"}) {
      GuardSite site = GuardSite.forMethod(Client.class, method);
      CompletableFuture<String> own = method.equals("load") ? new CompletableFuture<>() : new StageTypeTest.MyFuture<>();
      CompletableFuture<?> returned = (CompletableFuture<?>) Protocol.call(site, () -> own);
      assertTrue(returned.cancel(true));
      assertTrue(own.isCancelled(), method + ": the cancellation reached the method's own stage");
    }
  }

  @Test
  void aNullStageIsReturnedUnchangedAndCountsAsAFailureNamingTheMethod() throws Exception {
    FakeTime time = new FakeTime();
    GuardRegistry registry = Registries.create(time);
    GuardSite site = Protocol.site(registry, Client.class, "nothing");
    CircuitBreaker breaker = registry.findBreaker("completion.null");

    assertNull(Protocol.call(site, () -> null));
    CallStats stats = registry.findStats("completion.null");
    assertEquals(1, stats.failures());
    assertEquals(0, stats.successes());
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "the null stage counted for the breaker");

    time.advanceMillis(1_000);
    assertNull(Protocol.call(site, () -> null));
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a null stage fails the half-open trial");
    assertEquals(2, stats.failures());
  }

  @Test
  void theNullStageFailureNamesTheMethod() {
    NullPointerException e = assertInstanceOf(NullPointerException.class, GuardSite.nullStage("a.B#m"));
    assertTrue(e.getMessage().contains("a.B#m"), e.getMessage());
  }
}
