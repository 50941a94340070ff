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
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** SPEC §3 @Breaker: consecutive failures, failOn/ignore, cooldown, half-open trials, fallback. */
class BreakerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(5);

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
      assertThrows(IOException.class, () -> client.put("/p"));
      long openedAt = System.nanoTime();
      CircuitBreaker breaker = breaker(name);
      assertEquals(State.OPEN, breaker.state());
      assertThrows(CircuitOpenException.class, () -> client.put("/p"));

      await("half-open", PATIENCE, () -> breaker.state() == State.HALF_OPEN);
      long cooledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt);
      assertTrue(cooledMillis >= 140, "cooldown 150 ms, half-open after " + cooledMillis + " ms");

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
    assertThrows(IOException.class, () -> client.delete("/d"));
    CircuitBreaker breaker = breaker(name);
    await("half-open", PATIENCE, () -> breaker.state() == State.HALF_OPEN);

    assertThrows(IOException.class, () -> client.delete("/d"));
    assertEquals(State.OPEN, breaker.state());
    assertThrows(CircuitOpenException.class, () -> client.delete("/d"));
    await("half-open again", PATIENCE, () -> breaker.state() == State.HALF_OPEN);
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
}
