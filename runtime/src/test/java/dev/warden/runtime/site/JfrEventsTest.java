package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.Allocations;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import dev.warden.runtime.jfr.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * Warden's JFR events, recorded with {@link Recording} and read back with {@link RecordingFile}:
 * each kind emitted exactly where it happens, with its fields, on a fake clock; none emitted
 * unless a recording enables it; and the rejection path allocates nothing for them.
 */
class JfrEventsTest {

  private static final List<String> EVENTS = List.of("dev.warden.Rejected", "dev.warden.BreakerTransition",
      "dev.warden.ThrottleWait", "dev.warden.Retry", "dev.warden.Timeout");

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  static class Fixture {
    @Breaker(name = "jfr.breaker", failureThreshold = 2, cooldownMillis = 1_000, halfOpenCalls = 1)
    void breaker() {}

    @Throttled(name = "jfr.throttled", callsPerSecond = 1, burst = 1, maxWaitMillis = 0)
    void throttled() {}

    @Throttled(name = "jfr.wait", callsPerSecond = 10, burst = 1, maxWaitMillis = 1_000)
    void waits() {}

    @Bulkhead(name = "jfr.bulkhead", maxConcurrent = 1)
    void bulkhead() {}

    @Retry(name = "jfr.retry", maxAttempts = 3, delayMillis = 100, multiplier = 2, jitter = 0)
    void retried() {}

    @Timeout(name = "jfr.timeout", millis = 100, interrupt = false)
    void timed() {}

    @Timeout(name = "jfr.asyncTimeout", millis = 250)
    CompletableFuture<String> timedAsync() {
      return null;
    }

    @Breaker(name = "jfr.cheapOpen", failureThreshold = 1, cooldownMillis = 600_000, fallback = "busy")
    String cheapOpen() {
      return "ran";
    }

    @Throttled(name = "jfr.cheapThrottled", callsPerSecond = 1, burst = 1, maxWaitMillis = 0, fallback = "busy")
    String cheapThrottled() {
      return "ran";
    }

    @Bulkhead(name = "jfr.cheapFull", maxConcurrent = 1, fallback = "busy")
    String cheapFull() {
      return "ran";
    }

    String busy() {
      return "busy";
    }
  }

  /** A {@code CompletionStage} method with {@code @Retry}, following the protocol as woven code does. */
  static class AsyncClient {
    GuardSite site;
    final Deque<Supplier<CompletionStage<String>>> attempts = new ArrayDeque<>();

    @Retry(name = "jfr.asyncRetry", maxAttempts = 2, delayMillis = 50, jitter = 0)
    CompletionStage<String> fetch() throws Exception {
      @SuppressWarnings("unchecked")
      CompletionStage<String> stage = (CompletionStage<String>) Protocol.callRetrying(site, this, null,
          () -> attempts.remove().get());
      return stage;
    }
  }

  private GuardSite site(String method) {
    return Protocol.site(registry, timer, Fixture.class, method);
  }

  @Test
  void eachKindIsRecordedOnceWhereItHappensWithItsFields() throws Exception {
    assertTrue(Events.available(), "jdk.jfr is in every full JDK");
    List<RecordedEvent> events = record(true, () -> {
      // breaker: two failures open it, a call is refused, the cooldown passes, a trial is admitted,
      // a second one finds its slot taken, the trial's success closes it
      GuardSite breaker = site("breaker");
      for (int i = 0; i < 2; i++) {
        assertThrows(IOException.class, () -> Protocol.call(breaker, () -> {
          throw new IOException("down");
        }));
      }
      assertThrows(CircuitOpenException.class, () -> Protocol.call(breaker, () -> "refused"));
      time.advanceMillis(1_000);
      Object trial = breaker.enter();
      assertThrows(CircuitOpenException.class, () -> Protocol.call(breaker, () -> "refused"));
      breaker.onSuccess(trial);

      GuardSite throttled = site("throttled");
      Protocol.call(throttled, () -> "ok");
      assertThrows(ThrottledException.class, () -> Protocol.call(throttled, () -> "refused"));

      GuardSite waits = site("waits");
      Protocol.call(waits, () -> "at once");
      Protocol.call(waits, () -> "after 100 ms"); // parks for the reserved permit: the clock moves on

      GuardSite bulkhead = site("bulkhead");
      Object slot = bulkhead.enter();
      assertThrows(BulkheadFullException.class, () -> Protocol.call(bulkhead, () -> "refused"));
      bulkhead.onSuccess(slot);

      GuardSite retried = site("retried");
      IOException down = new IOException("still down");
      assertThrows(IOException.class, () -> Protocol.callRetrying(retried, () -> {
        throw down;
      }));

      GuardSite timed = site("timed");
      assertThrows(CallTimeoutException.class, () -> Protocol.call(timed, () -> {
        time.advanceMillis(150);
        return "late";
      }));

      GuardSite timedAsync = site("timedAsync");
      CompletableFuture<?> stage = (CompletableFuture<?>) Protocol.call(timedAsync, CompletableFuture::new);
      time.advanceMillis(250);
      timer.scanOnce();
      ExecutionException late = assertThrows(ExecutionException.class, stage::get);
      assertInstanceOf(CallTimeoutException.class, late.getCause());

      AsyncClient client = new AsyncClient();
      client.site = Protocol.wovenSite(registry, timer, () -> 0.5, AsyncClient.class, "fetch");
      client.attempts.add(() -> CompletableFuture.failedFuture(new IllegalStateException("first")));
      client.attempts.add(() -> CompletableFuture.completedFuture("second"));
      CompletableFuture<String> fetched = client.fetch().toCompletableFuture();
      time.advanceMillis(50);
      timer.scanOnce();
      assertEquals("second", fetched.join());
    });

    String method = Fixture.class.getName() + "#";
    assertEquals(List.of(
            "jfr.breaker " + method + "breaker breaker open",
            "jfr.breaker " + method + "breaker breaker trials taken",
            "jfr.throttled " + method + "throttled throttled none in time",
            "jfr.bulkhead " + method + "bulkhead bulkhead none in time"),
        of(events, "dev.warden.Rejected", e -> e.getString("name") + " " + e.getString("method") + " "
            + e.getString("kind") + " " + e.getString("reason")));
    assertEquals(List.of("jfr.breaker CLOSED->OPEN", "jfr.breaker OPEN->HALF_OPEN", "jfr.breaker HALF_OPEN->CLOSED"),
        of(events, "dev.warden.BreakerTransition",
            e -> e.getString("name") + " " + e.getString("from") + "->" + e.getString("to")));
    assertEquals(List.of("jfr.wait " + Duration.ofMillis(100) + " interrupted=false"),
        of(events, "dev.warden.ThrottleWait", e -> e.getString("name") + " " + e.getDuration("waitNanos")
            + " interrupted=" + e.getBoolean("interrupted")));
    assertEquals(List.of(
            "jfr.retry " + method + "retried 2 " + Duration.ofMillis(100) + " java.io.IOException: still down",
            "jfr.retry " + method + "retried 3 " + Duration.ofMillis(200) + " java.io.IOException: still down",
            "jfr.asyncRetry " + AsyncClient.class.getName() + "#fetch 2 " + Duration.ofMillis(50)
                + " java.lang.IllegalStateException: first"),
        of(events, "dev.warden.Retry", e -> e.getString("name") + " " + e.getString("method") + " "
            + e.getInt("attempt") + " " + e.getDuration("delayNanos") + " " + e.getString("failure") + ": "
            + e.getString("failureMessage")));
    assertEquals(List.of(
            "jfr.timeout " + method + "timed " + Duration.ofMillis(100),
            "jfr.asyncTimeout " + method + "timedAsync " + Duration.ofMillis(250)),
        of(events, "dev.warden.Timeout",
            e -> e.getString("name") + " " + e.getString("method") + " " + e.getDuration("limitMillis")));
    for (RecordedEvent event : events) {
      assertEquals(null, event.getStackTrace(), "no stack trace by default: " + event);
    }
  }

  /**
   * A caller interrupted while parked for its reserved permit did park: its wait is recorded, marked
   * interrupted, besides the rejection; a wait that runs its course is marked not interrupted.
   */
  @Test
  void anInterruptedThrottleWaitIsRecordedAsInterrupted() throws Exception {
    List<RecordedEvent> events = record(true, () -> {
      GuardSite waits = site("waits");
      Protocol.call(waits, () -> "at once");
      Thread.currentThread().interrupt(); // the fake clock's park returns; the flag ends the wait
      try {
        ThrottledException refused = assertThrows(ThrottledException.class, () -> Protocol.call(waits, () -> "never"));
        assertInstanceOf(InterruptedException.class, refused.getCause());
        assertTrue(Thread.currentThread().isInterrupted(), "the site keeps the flag");
      } finally {
        Thread.interrupted();
      }
      Protocol.call(waits, () -> "waits too: the interrupted wait spent its permit");
    });
    assertEquals(List.of(
            "jfr.wait " + Duration.ofMillis(100) + " interrupted=true",
            "jfr.wait " + Duration.ofMillis(100) + " interrupted=false"),
        of(events, "dev.warden.ThrottleWait", e -> e.getString("name") + " " + e.getDuration("waitNanos")
            + " interrupted=" + e.getBoolean("interrupted")));
    assertEquals(List.of("jfr.wait interrupted"),
        of(events, "dev.warden.Rejected", e -> e.getString("name") + " " + e.getString("reason")));
  }

  /** A failure whose {@code getMessage()} throws is still retried, and recorded without a message. */
  @Test
  void aRetryAfterAFailureWithoutAComputableMessageIsRecordedWithoutOne() throws Exception {
    IOException unprintable = new IOException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("message unavailable");
      }
    };
    List<RecordedEvent> events = record(true, () -> {
      GuardSite retried = site("retried");
      IOException last = assertThrows(IOException.class, () -> Protocol.callRetrying(retried, () -> {
        throw unprintable;
      }));
      assertEquals(unprintable, last, "every attempt ran and the call ended with its own failure");
    });
    String type = unprintable.getClass().getName();
    assertEquals(List.of("2 " + type + ": null", "3 " + type + ": null"),
        of(events, "dev.warden.Retry", e -> e.getInt("attempt") + " " + e.getString("failure") + ": "
            + e.getString("failureMessage")));
  }

  @Test
  void nothingIsRecordedUnlessARecordingEnablesTheEvents() throws Exception {
    List<RecordedEvent> events = record(false, () -> {
      GuardSite breaker = site("breaker");
      for (int i = 0; i < 3; i++) {
        try {
          Protocol.call(breaker, () -> {
            throw new IOException("down");
          });
        } catch (IOException | CircuitOpenException expected) {
          // opens it, then is refused
        }
      }
      GuardSite waits = site("waits");
      Protocol.call(waits, () -> "at once");
      Protocol.call(waits, () -> "after 100 ms");
      GuardSite retried = site("retried");
      assertThrows(IOException.class, () -> Protocol.callRetrying(retried, () -> {
        throw new IOException("down");
      }));
      GuardSite timed = site("timed");
      assertThrows(CallTimeoutException.class, () -> Protocol.call(timed, () -> {
        time.advanceMillis(150);
        return "late";
      }));
    });
    assertEquals(List.of(), events.stream().map(RecordedEvent::toString).collect(Collectors.toList()));
  }

  /**
   * Refusals by each guard, answered by a fallback without a {@code Throwable}, allocate nothing
   * per call, with no recording and with a recording that leaves Warden's events disabled: the
   * check makes no event object.
   */
  @Test
  void aRejectionAllocatesNothingForTheEventsWhenTheyAreNotRecorded() throws Exception {
    GuardSite open = site("cheapOpen");
    assertThrows(IllegalStateException.class, () -> Protocol.call(open, () -> {
      throw new IllegalStateException("opens the breaker");
    }));
    GuardSite throttled = site("cheapThrottled");
    Protocol.call(throttled, () -> "takes the only permit; the clock stands still");
    GuardSite full = site("cheapFull");
    Object slot = full.enter(); // holds the only slot
    for (GuardSite refusing : List.of(open, throttled, full)) {
      assertEquals(0, bytesPerRejection(refusing), refusing + ", no recording");
    }
    try (Recording other = new Recording()) {
      other.enable("jdk.JavaMonitorEnter");
      other.start();
      for (GuardSite refusing : List.of(open, throttled, full)) {
        assertEquals(0, bytesPerRejection(refusing), refusing + ", a recording without Warden's events");
      }
    }
    full.onSuccess(slot);
  }

  private static long bytesPerRejection(GuardSite site) {
    int calls = 100_000;
    Fixture target = new Fixture();
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = Allocations.ofThisThread();
      for (int i = 0; i < calls; i++) {
        Object permit = site.enter();
        if (!(permit instanceof GuardRejectedException) || site.rejected(permit, target, null) != "busy") {
          throw new AssertionError("a rejection answered by the fallback expected");
        }
      }
      least = Math.min(least, Allocations.ofThisThread() - before);
    }
    // anything allocated per call is at least 16 bytes; the measurement itself may allocate a few
    return least / calls;
  }

  /** Runs {@code drive} in a recording with Warden's events enabled or left at their defaults. */
  private static List<RecordedEvent> record(boolean enabled, Driver drive) throws Exception {
    Path file = Files.createTempFile("warden-events", ".jfr");
    try (Recording recording = new Recording()) {
      if (enabled) {
        EVENTS.forEach(recording::enable);
      }
      recording.start();
      drive.run();
      recording.stop();
      recording.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().startsWith("dev.warden."))
          .filter(e -> e.getString("name").startsWith("jfr."))
          .collect(Collectors.toList());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static List<String> of(List<RecordedEvent> events, String type,
      java.util.function.Function<RecordedEvent, String> fields) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(type))
        .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime))
        .map(fields)
        .collect(Collectors.toList());
  }

  @FunctionalInterface
  private interface Driver {
    void run() throws Exception;
  }
}
