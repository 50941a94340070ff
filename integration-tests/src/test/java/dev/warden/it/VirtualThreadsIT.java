package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.stats;
import static dev.warden.it.Guards.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.it.fixtures.GeoClient;
import dev.warden.it.fixtures.SlowReports;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * Virtual-thread friendly (JDK 21+, skipped on 17): a throttled method called from
 * 10,000 virtual threads keeps its rate and never pins a carrier, and timed-out virtual threads
 * are interrupted without pinning, checked with JFR's {@code
 * jdk.VirtualThreadPinned} events (recorded without threshold). A control run that parks inside a
 * class initializer (which pins on every JDK) shows that the recording does see pinning.
 */
class VirtualThreadsIT {

  private static final String PINNED = "jdk.VirtualThreadPinned";
  private static final int THREADS = 10_000;

  @Test
  void tenThousandVirtualThreadsKeepTheRateAndPinNoCarrier() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    assertFalse(pinnedEvents(() -> run(ParksInInitializer::touch)).isEmpty(),
        "control: parking in a class initializer pins, and JFR must see it");

    GeoClient geo = Mode.current().fixtures().geo();
    long[] returned = new long[THREADS];
    long[] start = new long[1];
    List<String> pinned = pinnedEvents(() -> {
      start[0] = System.nanoTime();
      ExecutorService executor = virtualThreadPerTaskExecutor();
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        executor.execute(() -> {
          geo.heartbeat();
          returned[index] = System.nanoTime();
        });
      }
      finish(executor); // happens-before: every returned[i] is visible after it
    });

    assertEquals(List.of(), pinned, "virtual threads pinned while throttled (the events' stack traces)");
    assertEquals(THREADS, geo.served(), "maxWait 10 s: every call gets its token");
    CallStats stats = stats(FIXTURES + "GeoClient#heartbeat");
    assertEquals(THREADS, stats.calls());
    assertEquals(0, stats.rejections());
    // The rate, exactly and whatever the load: when the i-th call has returned, at least i were
    // admitted since start, and burst 1,000 at 5,000/s allows at most 1,000 + 5,000 * elapsed.
    // (So the last one returns >= 1.8 s after start; a descheduling only makes that later.)
    Arrays.sort(returned);
    for (int i = 1; i <= THREADS; i++) {
      double seconds = (returned[i - 1] - start[0]) / 1e9;
      assertTrue(i <= 1_000 + 5_000 * seconds, i + " calls returned within " + seconds + " s > 1,000 + 5,000/s");
    }
  }

  /**
   * 500 virtual threads each call a method whose body sleeps 10 s under a 50 ms limit: every one is
   * interrupted (the caller gets {@link CallTimeoutException} caused by the body's {@link
   * InterruptedException}, well before the 10 s, with its interrupt flag clear afterwards), and no
   * carrier is pinned meanwhile.
   */
  @Test
  void timedOutVirtualThreadsAreInterruptedWithoutPinning() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    int threads = 500;
    SlowReports reports = Mode.current().fixtures().slowReports();
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    long slow = TimeUnit.MILLISECONDS.toNanos(SlowReports.SLOW_MILLIS);
    List<String> pinned = pinnedEvents(() -> {
      ExecutorService executor = virtualThreadPerTaskExecutor();
      for (int i = 0; i < threads; i++) {
        executor.execute(() -> {
          long start = System.nanoTime();
          try {
            reports.archive("box");
            problems.add("returned normally");
          } catch (CallTimeoutException e) {
            if (!(e.getCause() instanceof InterruptedException)) {
              problems.add("cause " + e.getCause());
            }
          } catch (Throwable e) {
            problems.add(e.toString());
          }
          if (System.nanoTime() - start >= slow) {
            problems.add("not interrupted: took the body's full 10 s");
          }
          if (Thread.interrupted()) {
            problems.add("interrupt flag left set");
          }
        });
      }
      finish(executor);
    });
    assertEquals(List.of(), pinned, "virtual threads pinned while timed out (the events' stack traces)");
    assertEquals(List.of(), List.copyOf(problems));
    String name = FIXTURES + "SlowReports#archive";
    assertEquals(threads, timeout(name).timeouts());
    CallStats stats = stats(name);
    assertEquals(threads, stats.calls());
    assertEquals(threads, stats.failures());
  }

  /** The {@code jdk.VirtualThreadPinned} events recorded during {@code workload}, each with its stack trace. */
  private static List<String> pinnedEvents(ThrowingRunnable workload) throws Exception {
    Path file = Files.createTempFile("warden-pinning", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable(PINNED).withoutThreshold().withStackTrace();
      recording.start();
      workload.run();
      recording.stop();
      recording.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(event -> event.getEventType().getName().equals(PINNED))
          .map(VirtualThreadsIT::describe)
          .collect(Collectors.toList());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String describe(RecordedEvent event) {
    StringBuilder text = new StringBuilder("\n").append(PINNED).append(" for ").append(event.getDuration());
    RecordedStackTrace stack = event.getStackTrace();
    if (stack != null) {
      for (RecordedFrame frame : stack.getFrames()) {
        text.append("\n    at ").append(frame.getMethod().getType().getName()).append('.')
            .append(frame.getMethod().getName()).append(" line ").append(frame.getLineNumber());
      }
    }
    return text.toString();
  }

  private static void run(Runnable task) throws Exception {
    ExecutorService executor = virtualThreadPerTaskExecutor();
    executor.submit(task).get(10, TimeUnit.SECONDS);
    finish(executor);
  }

  private static void finish(ExecutorService executor) throws InterruptedException {
    executor.shutdown();
    assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS), "virtual threads did not finish in 60 s");
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}, called reflectively: the tests compile for Java 17. */
  private static ExecutorService virtualThreadPerTaskExecutor() throws ReflectiveOperationException {
    return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Parks for 50 ms while being initialised: a virtual thread doing so is pinned. */
  private static final class ParksInInitializer {
    static {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }

    static void touch() {
      // initialising the class is the point
    }
  }
}
