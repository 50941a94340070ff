package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.await;
import static dev.warden.it.Guards.breaker;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.FlakyBackend;
import dev.warden.it.fixtures.HttpClient;
import dev.warden.runtime.BreakerListener;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreaker.State;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.Warden;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** @Breaker: consecutive failures, failOn/ignore, cooldown, half-open trials, fallback. */
class BreakerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(5);

  /** Cooldown of the {@code put} and {@code delete} breakers. */
  private static final long COOLDOWN_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

  private final FlakyBackend backend = new FlakyBackend();
  private final HttpClient client = Mode.current().fixtures().http(backend);

  @Test
  void opensAfterConsecutiveFailuresAndRejectsWithoutRunning() throws Exception {
    String name = FIXTURES + "HttpClient#get";
    IOException first = new IOException("first");
    backend.then(first, new IOException("second"), "fine",
        new IOException("third"), new IOException("fourth"), new IllegalStateException("fifth"));

    assertSame(first, assertThrows(IOException.class, () -> client.get("/a")), "passes unchanged");
    assertThrows(IOException.class, () -> client.get("/a"));
    assertEquals("fine", client.get("/a"));
    assertThrows(IOException.class, () -> client.get("/a"));
    assertThrows(IOException.class, () -> client.get("/a"));
    CircuitBreaker breaker = breaker(name);
    assertEquals(State.CLOSED, breaker.state(), "a success reset the count");
    assertEquals(2, breaker.consecutiveFailures());

    assertThrows(IllegalStateException.class, () -> client.get("/a"));
    assertEquals(State.OPEN, breaker.state());
    CircuitOpenException open = assertThrows(CircuitOpenException.class, () -> client.get("/a"));
    assertEquals(6, backend.requests(), "the rejected call never reached the backend");
    assertEquals(name, open.guardName());
    assertTrue(open.getMessage().contains(name), open.getMessage());

    ObjectName bean = new ObjectName("dev.warden:type=Breaker,name=" + ObjectName.quote(name));
    assertEquals("OPEN", ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "State"));
    CallStats stats = stats(name);
    assertEquals(7, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(5, stats.failures());
    assertEquals(1, stats.rejections());
  }

  @Test
  void countsOnlyFailOnThatIsNotIgnored() {
    backend.then(new FileNotFoundException("/gone"));
    assertThrows(FileNotFoundException.class, () -> client.head("/gone"));
    CircuitBreaker breaker = breaker(FIXTURES + "HttpClient#head");
    assertEquals(State.CLOSED, breaker.state(), "ignored");
    backend.then(new IllegalStateException("not an IOException"));
    assertThrows(IllegalStateException.class, () -> client.head("/bug"));
    assertEquals(State.CLOSED, breaker.state(), "matches no failOn entry");
    assertEquals(0, breaker.consecutiveFailures());
    backend.then(new IOException("reset"));
    assertThrows(IOException.class, () -> client.head("/io"));
    assertEquals(State.OPEN, breaker.state(), "threshold 1 reached");
  }

  @Test
  void halfOpenAfterCooldownThenSuccessfulTrialsClose() throws IOException {
    String name = FIXTURES + "HttpClient#put";
    List<State> transitions = new CopyOnWriteArrayList<>();
    BreakerListener listener = (b, from, to) -> {
      if (b.name().equals(name)) {
        transitions.add(to);
      }
    };
    Warden.addListener(listener);
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        String message = new SimpleFormatter().formatMessage(record);
        if (message.contains(name)) {
          logged.add(message);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger log = Logger.getLogger("dev.warden");
    log.addHandler(handler);
    try {
      backend.then(new IOException("down"));
      CircuitBreaker breaker = opensThenHalfOpensAfterItsCooldown(name, () -> client.put("/p"));

      assertEquals("PUT /p", client.put("/p"));
      assertEquals(State.HALF_OPEN, breaker.state(), "one of two trials done");
      assertEquals("PUT /p", client.put("/p"));
      assertEquals(State.CLOSED, breaker.state());
      assertEquals(List.of(State.OPEN, State.HALF_OPEN, State.CLOSED), transitions);
      assertEquals(3, logged.size(), "each transition logged once through System.Logger dev.warden: " + logged);
    } finally {
      Warden.removeListener(listener);
      log.removeHandler(handler);
    }
  }

  @Test
  void failedTrialOpensAgainForANewCooldown() throws IOException {
    String name = FIXTURES + "HttpClient#delete";
    backend.then(new IOException("down"), new IOException("still down"));
    opensThenHalfOpensAfterItsCooldown(name, () -> client.delete("/d"));
    // the failed trial opens the circuit again: a new cooldown, counted from that trial
    CircuitBreaker breaker = opensThenHalfOpensAfterItsCooldown(name, () -> client.delete("/d"));
    assertEquals("DELETE /d", client.delete("/d"));
    assertEquals(State.CLOSED, breaker.state());
    assertEquals(3, backend.requests());
  }

  @Test
  void halfOpenRunsAtMostHalfOpenCallsTrialsAtOnce() throws Exception {
    String name = FIXTURES + "HttpClient#patch";
    backend.then(new IOException("down"));
    assertThrows(IOException.class, () -> client.patch("/x"));
    CircuitBreaker breaker = breaker(name);
    await("half-open", PATIENCE, () -> breaker.state() == State.HALF_OPEN);

    backend.close();
    int callers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return client.patch("/x");
        }));
      }
      start.countDown();
      CallStats stats = stats(name);
      await("4 rejections and 2 trials at the backend", PATIENCE,
          () -> stats.rejections() == callers - 2 && backend.requests() == 3);
      backend.open();

      int admitted = 0;
      int rejected = 0;
      for (Future<String> result : results) {
        try {
          assertEquals("PATCH /x", result.get(5, TimeUnit.SECONDS));
          admitted++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertTrue(e.getCause() instanceof CircuitOpenException, String.valueOf(e.getCause()));
          rejected++;
        }
      }
      assertEquals(2, admitted);
      assertEquals(callers - 2, rejected);
      assertEquals(State.CLOSED, breaker.state());
      assertEquals(1 + callers, stats.calls());
      assertEquals(2, stats.successes());
      assertEquals(1, stats.failures());
    } finally {
      backend.open();
      pool.shutdownNow();
    }
  }

  @Test
  void fallbackAnswersWhileOpenAndReceivesTheRejection() throws IOException {
    backend.then(new IOException("1"), new IOException("2"));
    assertThrows(IOException.class, () -> client.search("warden"));
    assertThrows(IOException.class, () -> client.search("warden"));

    assertEquals("stale warden (CircuitOpenException)", client.search("warden"));
    assertEquals(2, backend.requests());
    CallStats stats = stats(FIXTURES + "HttpClient#search");
    assertEquals(3, stats.calls());
    assertEquals(2, stats.failures());
    assertEquals(1, stats.rejections());
  }

  /** A call that fails with an {@link IOException} (scripted at the backend) and opens the circuit. */
  @FunctionalInterface
  private interface FailingCall {
    void call() throws IOException;
  }

  /**
   * Runs {@code failing}, which opens the breaker {@code name}, then polls its state until it is {@code
   * HALF_OPEN} (within {@link #PATIENCE}). Every reading is judged only by the clock readings
   * around it, so a descheduled test thread can delay the test but never fail it: the breaker
   * stamps its cooldown after the transition to {@code OPEN} and before the failing call
   * returns, so a reading that ended less than the cooldown after {@code failing} started must
   * not be {@code HALF_OPEN}, and one that started a cooldown or more after {@code failing}
   * returned must not be {@code OPEN}. (An upper bound on the cooldown from readings taken after
   * a descheduling would be unsound; these two are exact.)
   *
   * @return the breaker, now {@code HALF_OPEN}
   */
  private static CircuitBreaker opensThenHalfOpensAfterItsCooldown(String name, FailingCall failing) {
    long before = System.nanoTime();
    assertThrows(IOException.class, failing::call);
    long after = System.nanoTime();
    CircuitBreaker breaker = breaker(name);
    long deadline = after + PATIENCE.toNanos();
    for (;;) {
      long readFrom = System.nanoTime();
      State state = breaker.state();
      long readTo = System.nanoTime();
      if (state == State.HALF_OPEN) {
        assertTrue(readTo - before >= COOLDOWN_NANOS, "cooldown 150 ms, but HALF_OPEN "
            + TimeUnit.NANOSECONDS.toMicros(readTo - before) + " us after the call that opened it started");
        return breaker;
      }
      assertEquals(State.OPEN, state);
      assertTrue(readFrom - after < COOLDOWN_NANOS, "cooldown 150 ms, but still OPEN "
          + TimeUnit.NANOSECONDS.toMillis(readFrom - after) + " ms after the call that opened it returned");
      assertTrue(readTo - deadline < 0, "not HALF_OPEN within " + PATIENCE);
      LockSupport.parkNanos(1_000_000);
    }
  }
}
