package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.breaker;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.AsyncSearch;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ThrottledException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Async methods: outcomes recorded on completion; rejections as failed stages, never thrown. */
class AsyncIT {

  private final AsyncSearch search = Mode.current().fixtures().asyncSearch();

  @Test
  void outcomeIsRecordedWhenTheStageCompletes() throws Exception {
    String name = FIXTURES + "AsyncSearch#query";
    CompletableFuture<String> first = search.query("a");
    CallStats stats = stats(name);
    assertEquals(1, stats.inFlight(), "returned but not completed");
    assertEquals(0, stats.successes());
    search.nextPending().complete("A");
    assertEquals("A", first.get());
    assertEquals(1, stats.successes());
    assertEquals(0, stats.inFlight());

    CompletableFuture<String> second = search.query("b");
    CircuitBreaker breaker = breaker(name);
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "the failure has not happened yet");
    IOException down = new IOException("down");
    search.nextPending().completeExceptionally(down);
    assertEquals(down, assertThrows(ExecutionException.class, second::get).getCause());
    assertEquals(1, stats.failures());
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "threshold 1");

    CompletableFuture<String> third = search.query("c");
    assertTrue(third.isCompletedExceptionally(), "a rejection is a failed stage, not a throw");
    assertTrue(assertThrows(ExecutionException.class, third::get).getCause() instanceof CircuitOpenException);
    assertNull(search.nextPending(), "the body did not run");
    assertEquals(3, stats.calls());
    assertEquals(1, stats.rejections());
  }

  @Test
  void throttledRejectionIsAFailedStage() throws Exception {
    assertEquals("wa...", search.suggest("wa").toCompletableFuture().get());
    CompletionStage<String> rejected = search.suggest("wa");
    ExecutionException e = assertThrows(ExecutionException.class, () -> rejected.toCompletableFuture().get());
    assertTrue(e.getCause() instanceof ThrottledException, String.valueOf(e.getCause()));
    CallStats stats = stats(FIXTURES + "AsyncSearch#suggest");
    assertEquals(2, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(1, stats.rejections());
  }
}
