package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.await;
import static dev.warden.it.Guards.bulkhead;
import static dev.warden.it.Guards.stats;
import static dev.warden.it.Guards.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.SlowReports;
import dev.warden.it.fixtures.Warehouse;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.ConcurrencyLimiter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * @Bulkhead and @Timeout on methods returning a {@code CompletableFuture}: the slot is held until
 * the method's own future completes (however it completes), a rejection is a failed stage; the
 * caller's stage fails with {@link CallTimeoutException} at the deadline, before the method's own
 * future completes (the scenario completes it only afterwards), which is cancelled if and only if
 * {@code interrupt = true}.
 */
class AsyncBulkheadTimeoutIT {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final Warehouse warehouse = Mode.current().fixtures().warehouse();
  private final SlowReports reports = Mode.current().fixtures().slowReports();

  @Test
  void stageHoldsItsSlotUntilItCompletesAndARejectionIsAFailedStage() throws Exception {
    String name = FIXTURES + "Warehouse#dispatch";
    CompletableFuture<String> first = warehouse.dispatch("p1");
    CompletableFuture<String> own = warehouse.nextPending();
    ConcurrencyLimiter bulkhead = bulkhead(name);
    assertEquals(0, bulkhead.available(), "returned, not completed: the slot is still taken");

    CompletableFuture<String> rejected = warehouse.dispatch("p2");
    assertTrue(rejected.isCompletedExceptionally(), "a rejection is a failed stage, not a throw");
    ExecutionException e = assertThrows(ExecutionException.class, rejected::get);
    assertTrue(e.getCause() instanceof BulkheadFullException, String.valueOf(e.getCause()));
    assertNull(warehouse.nextPending(), "the rejected call's body did not run");

    own.complete("sent p1");
    assertEquals("sent p1", first.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(1, bulkhead.available(), "freed when the stage completed");

    CompletableFuture<String> failing = warehouse.dispatch("p3");
    assertEquals(0, bulkhead.available());
    warehouse.nextPending().completeExceptionally(new IOException("courier lost p3"));
    assertTrue(assertThrows(ExecutionException.class, failing::get).getCause() instanceof IOException);
    assertEquals(1, bulkhead.available(), "freed when the stage failed");

    CompletableFuture<String> cancelledByCaller = warehouse.dispatch("p4");
    CompletableFuture<String> ownOfP4 = warehouse.nextPending();
    assertEquals(0, bulkhead.available());
    cancelledByCaller.cancel(true);
    await("p4's own future cancelled", LIMIT, ownOfP4::isCancelled);
    await("p4's slot freed", LIMIT, () -> bulkhead.available() == 1);

    CompletableFuture<String> ownCancelled = warehouse.dispatch("p5");
    assertEquals(0, bulkhead.available());
    warehouse.nextPending().cancel(true);
    assertThrows(CancellationException.class, () -> ownCancelled.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(1, bulkhead.available(), "freed when the method's own future was cancelled");

    assertEquals(4, warehouse.served());
    CallStats stats = stats(name);
    assertEquals(5, stats.calls());
    assertEquals(1, stats.rejections());
    assertEquals(1, stats.successes());
    await("every outcome recorded", LIMIT, () -> stats.calls() == stats.successes() + stats.failures() + stats.rejections());
    assertEquals(3, stats.failures());
  }

  @Test
  void stageFailsAtTheDeadlineAndTheOwnFutureIsCancelledWithInterrupt() throws Exception {
    String name = FIXTURES + "SlowReports#schedule";
    CompletableFuture<String> answer = reports.schedule("Q4");
    CompletableFuture<String> own = reports.nextPending();
    assertNotNull(own);
    ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof CallTimeoutException, String.valueOf(e.getCause()));
    assertEquals(name, ((CallTimeoutException) e.getCause()).guardName());
    await("the method's own future cancelled (interrupt = true)", LIMIT, own::isCancelled);
    assertFalse(own.complete("too late"));
    assertTrue(assertThrows(ExecutionException.class, answer::get).getCause() instanceof CallTimeoutException);
    assertEquals(1, timeout(name).timeouts());
  }

  @Test
  void stageFailsAtTheDeadlineAndTheOwnFutureRunsOnWithoutInterrupt() throws Exception {
    String name = FIXTURES + "SlowReports#enqueue";
    CompletableFuture<String> answer = reports.enqueue("Q3");
    CompletableFuture<String> own = reports.nextPending();
    assertNotNull(own);
    ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof CallTimeoutException, String.valueOf(e.getCause()));
    assertFalse(own.isDone(), "interrupt = false: the method's own future is left running");

    assertTrue(own.complete("late Q3"), "completed only after the caller's stage failed");
    assertTrue(assertThrows(ExecutionException.class, answer::get).getCause() instanceof CallTimeoutException,
        "the late value is discarded");
    assertEquals(1, timeout(name).timeouts());
    CallStats stats = stats(name);
    await("the timeout recorded", LIMIT, () -> stats.failures() == 1);
    assertEquals(1, stats.calls());
    assertEquals(0, stats.successes(), "the late completion is not a second outcome");
    assertEquals(0, stats.inFlight());
  }
}
