package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.await;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.FlakyBackend;
import dev.warden.it.fixtures.HttpClient;
import dev.warden.it.fixtures.Payments;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.LatencySnapshot;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** @CountCalls, names, registry and JMX, and "each call guarded exactly once". */
class CountCallsIT {

  private final FlakyBackend backend = new FlakyBackend();
  private final HttpClient client = Mode.current().fixtures().http(backend);

  @Test
  void losesNoCountAcrossThreads() throws Exception {
    int threads = 8;
    int perThread = 2_500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            client.ping();
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    CallStats stats = stats(FIXTURES + "HttpClient#ping");
    assertEquals(threads * perThread, stats.calls());
    assertEquals(threads * perThread, stats.successes());
    assertEquals(0, stats.failures() + stats.rejections() + stats.inFlight());
  }

  @Test
  void tracksCallsInFlightAndThePeak() throws Exception {
    backend.close();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(pool.submit(() -> client.download("/big")));
      }
      await("3 downloads at the backend", Duration.ofSeconds(5), () -> backend.requests() == 3);
      CallStats stats = stats(FIXTURES + "HttpClient#download");
      assertEquals(3, stats.inFlight());
      assertEquals(0, stats.successes());
      backend.open();
      for (Future<String> call : calls) {
        assertEquals("GET /big", call.get(5, TimeUnit.SECONDS));
      }
      assertEquals(0, stats.inFlight());
      assertEquals(3, stats.peakInFlight());
      assertEquals(3, stats.successes());
    } finally {
      backend.open();
      pool.shutdownNow();
    }
  }

  @Test
  void overloadsShareTheDefaultNameAndFailuresAreCounted() throws IOException {
    backend.then("sent", new IOException("reset"));
    assertEquals("sent", client.send("/a"));
    assertThrows(IOException.class, () -> client.send("/b", 2));
    CallStats stats = stats(FIXTURES + "HttpClient#send");
    assertEquals(2, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(1, stats.failures());
    assertEquals(stats.calls(), stats.successes() + stats.failures() + stats.rejections());
  }

  @Test
  void eachCallIsGuardedExactlyOnce() throws IOException {
    Mode mode = Mode.current();
    if (mode == Mode.BOTH) {
      assertTrue(client.getClass().getSimpleName().startsWith("Guarded"), client.getClass().getName());
      assertTrue(Mode.agentAttached(), "the agent must be attached in mode both");
    }
    for (int i = 0; i < 5; i++) {
      client.trace("/t");
    }
    assertThrows(ThrottledException.class, () -> client.trace("/t"), "burst 5: a doubly guarded call spends 2 tokens");
    CallStats stats = stats(FIXTURES + "HttpClient#trace");
    assertEquals(6, stats.calls());
    assertEquals(5, stats.successes());
    assertEquals(1, stats.rejections());
    assertEquals(5, backend.requests());
  }

  @Test
  void latencyMeasuresEveryCallThatRanOnceAndShowsInJmx() throws Exception {
    backend.then("a", new IOException("reset"), "b");
    int calls = 25;
    int failed = 0;
    for (int i = 0; i < calls; i++) {
      try {
        client.timed("/t" + i);
      } catch (IOException e) {
        failed++;
      }
    }
    String name = FIXTURES + "HttpClient#timed";
    CallStats stats = stats(name);
    LatencySnapshot latency = stats.latency().orElseThrow();
    assertEquals(1, failed);
    assertEquals(calls, latency.count(), "each call measured exactly once, failures included");
    assertEquals(calls, latency.recent().count());
    assertTrue(latency.maxNanos() > 0 && latency.p50Nanos() <= latency.maxNanos(), latency.toString());
    assertTrue(stats(FIXTURES + "HttpClient#ping").latency().isEmpty(), "off unless asked for");

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = new ObjectName("dev.warden:type=CountCalls,name=" + ObjectName.quote(name));
    assertEquals((long) calls, server.getAttribute(bean, "LatencyCount"));
    assertEquals((long) calls, server.getAttribute(bean, "RecentCount"));
    assertEquals(latency.maxNanos(), server.getAttribute(bean, "MaxNanos"));
  }

  @Test
  void namesUseTheDeclaringBinaryClassNameAndShowInJmx() throws Exception {
    String name = FIXTURES + "Payments$Refunds#refund";
    Payments.Refunds refunds = Mode.current().fixtures().refunds();
    assertEquals("refunded r1", refunds.refund("r1"));
    assertEquals("refunded r2", refunds.refund("r2"));
    assertTrue(Warden.names().contains(name), Warden.names().toString());
    assertFalse(Warden.names().stream().anyMatch(n -> n.contains("Guarded")),
        "never the generated class: " + Warden.names());

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName counts = new ObjectName("dev.warden:type=CountCalls,name=" + ObjectName.quote(name));
    assertEquals(2L, server.getAttribute(counts, "Calls"));
    assertEquals(2L, server.getAttribute(counts, "Successes"));
    assertEquals(stats(name).calls(), (Long) server.getAttribute(counts, "Calls"));
  }
}
