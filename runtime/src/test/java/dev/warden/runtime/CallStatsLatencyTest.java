package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Latency of {@link CallStats} on a fake clock, its recent window, and rejections by kind. */
class CallStatsLatencyTest {

  private static final long SECOND = 1_000_000_000L;

  private final FakeTime time = new FakeTime(); // crosses the nanoTime wrap-around

  /** One call of {@code nanos} that ends now: the clock is moved by the call. */
  private static void call(CallStats stats, FakeTime time, long nanos) {
    stats.recordCall();
    long start = stats.startNanos();
    time.advance(nanos);
    stats.recordSuccess(start);
  }

  @Test
  void withoutLatencyNothingReadsTheClock() {
    CallStats stats = new CallStats("plain");
    stats.recordCall();
    assertEquals(0, stats.startNanos());
    stats.recordSuccess(123);
    stats.recordCall();
    stats.recordFailure(456);
    assertTrue(stats.latency().isEmpty());
    assertFalse(stats.measuresLatency());
    assertEquals(1, stats.successes());
    assertEquals(1, stats.failures());
  }

  @Test
  void eachCallIsMeasuredWithOneClockReadingAtEachEnd() {
    CallStats stats = CallStats.withLatency("timed", time);
    long created = time.reads();
    call(stats, time, 1_000);
    assertEquals(created + 2, time.reads(), "one reading at the start, one at the end");
    stats.recordCall();
    long start = stats.startNanos();
    time.advance(5_000);
    stats.recordFailure(start);
    LatencySnapshot latency = stats.latency().orElseThrow();
    assertEquals(2, latency.count(), "failures are measured too");
    assertEquals(5_000, latency.maxNanos());
    assertNear(1_000, latency.p50Nanos());
    assertNear(5_000, latency.p99Nanos());
    assertEquals(2, latency.recent().count());
    assertTrue(stats.measuresLatency());
  }

  @Test
  void aRejectionIsNotMeasured() {
    CallStats stats = CallStats.withLatency("rejecting", time);
    stats.recordCall();
    stats.recordRejection(ThrottledException.class);
    assertEquals(0, stats.latency().orElseThrow().count());
    assertEquals(1, stats.rejections());
  }

  @Test
  void theRecentWindowDropsACallExactlySixtySecondsAfterTheStartOfItsSlice() {
    CallStats stats = CallStats.withLatency("window", time);
    call(stats, time, 7_000);                      // ends at origin + 7 µs, slice 0
    time.advance(10 * SECOND - 7_000 - 1_000);     // origin + 10 s - 1 µs
    call(stats, time, 1_000);                      // ends at origin + 10 s: slice 1
    assertEquals(2, stats.latency().orElseThrow().recent().count());

    time.advance(50 * SECOND - 1);                 // origin + 60 s - 1 ns: slice 5, window 0..5
    LatencySnapshot both = stats.latency().orElseThrow();
    assertEquals(2, both.recent().count());
    assertEquals(7_000, both.recent().maxNanos());

    time.advance(1);                               // origin + 60 s: slice 6, window 1..6
    LatencySnapshot one = stats.latency().orElseThrow();
    assertEquals(1, one.recent().count(), "the call of slice 0 is 60 s old at most");
    assertEquals(1_000, one.recent().maxNanos());
    assertEquals(2, one.count(), "the guard's life keeps every call");
    assertEquals(7_000, one.maxNanos());

    time.advance(10 * SECOND);                      // origin + 70 s: window 2..7
    assertEquals(0, stats.latency().orElseThrow().recent().count(), "the call of slice 1 left after 60 s");
    assertEquals(0, stats.latency().orElseThrow().recent().p99Nanos());

    call(stats, time, 3_000);                      // a new slice after idle ones
    LatencySnapshot later = stats.latency().orElseThrow();
    assertEquals(1, later.recent().count());
    assertNear(3_000, later.recent().p50Nanos());
    assertEquals(3, later.count());
    assertEquals(later.recent(), later.recent().recent(), "the window of the window is itself");
  }

  @Test
  void aCallThatEndedFiftySecondsAgoIsAlwaysInTheWindow() {
    CallStats stats = CallStats.withLatency("fifty", time);
    time.advance(10 * SECOND - 1);
    call(stats, time, 0);                          // the last nanosecond of slice 0
    time.advance(50 * SECOND);                     // 50 s later: the last nanosecond of slice 5
    assertEquals(1, stats.latency().orElseThrow().recent().count());
    time.advance(1);
    assertEquals(0, stats.latency().orElseThrow().recent().count());
  }

  @Test
  void theRingReusesItsSlotsForMinutes() {
    CallStats stats = CallStats.withLatency("minutes", time);
    for (int second = 0; second < 600; second++) {
      call(stats, time, 1_000 + second);
      time.advance(SECOND - 1_000 - second);
    }
    LatencySnapshot latency = stats.latency().orElseThrow();
    assertEquals(600, latency.count());
    // at second 600, the window holds slices 55..60: the calls of seconds 550..599
    assertEquals(50, latency.recent().count());
    assertEquals(1_599, latency.recent().maxNanos());
    long exactMedian = 1_574; // the 25th of 1_550..1_599
    assertTrue(Math.abs(latency.recent().p50Nanos() - exactMedian) <= exactMedian / 128);
  }

  @Test
  void threadsLoseNoDurationAndTheMaximumIsExact() throws InterruptedException {
    int threads = 4;
    int perThread = 50_000;
    FakeTime frozen = new FakeTime(0); // durations are given by each start
    CallStats stats = CallStats.withLatency("contended", frozen);
    AtomicLong expectedMax = new AtomicLong();
    Concurrently.run(threads, index -> {
      long max = 0;
      for (int i = 0; i < perThread; i++) {
        long nanos = (i * 7919L + index) % 10_000_000;
        max = Math.max(max, nanos);
        stats.recordCall();
        if (i % 2 == 0) {
          stats.recordSuccess(-nanos);
        } else {
          stats.recordFailure(-nanos);
        }
      }
      expectedMax.accumulateAndGet(max, Math::max);
    });
    LatencySnapshot latency = stats.latency().orElseThrow();
    assertEquals((long) threads * perThread, latency.count());
    assertEquals((long) threads * perThread, latency.recent().count());
    assertEquals(expectedMax.get(), latency.maxNanos());
    assertEquals(stats.successes() + stats.failures(), latency.count());
  }

  /**
   * Writers record while a ticker moves the clock on by whole slices and a reader takes snapshots:
   * each duration is 5 µs plus the slices the clock moved during its call, so every quantile a
   * reading reports must be within 1/128 of such a value (a torn or negative bucket would not be),
   * counts never go backwards, and the window never holds more than the guard's life.
   */
  @Test
  void slicesMoveOnUnderWritersAndReadersWithoutATornReading() throws InterruptedException {
    long base = 5_000;
    int writers = 2;
    int perWriter = 40_000;
    CallStats stats = CallStats.withLatency("moving", time);
    AtomicLong recorded = new AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Concurrently.run(writers + 2, index -> {
      if (index < writers) {
        for (int i = 0; i < perWriter; i++) {
          stats.recordCall();
          stats.recordSuccess(stats.startNanos() - base);
          recorded.incrementAndGet();
        }
        return;
      }
      if (index == writers) { // the ticker: one slice per 1,000 calls
        for (long next = 1_000; next <= (long) writers * perWriter; next += 1_000) {
          while (recorded.get() < next) {
            Thread.onSpinWait();
          }
          time.advance(10 * SECOND);
        }
        done.set(true);
        return;
      }
      long lastCount = 0;
      while (!done.get()) { // the reader
        LatencySnapshot life = stats.latency().orElseThrow();
        LatencySnapshot recent = life.recent();
        assertTrue(life.count() >= lastCount, "never backwards");
        assertTrue(recent.count() >= 0 && recent.count() <= life.count(), recent + " of " + life);
        lastCount = life.count();
        for (LatencySnapshot s : new LatencySnapshot[] {life, recent}) {
          if (s.count() > 0) {
            for (long q : new long[] {s.quantileNanos(0), s.p50Nanos(), s.p99Nanos(), s.p999Nanos()}) {
              long slices = Math.round((double) (q - base) / (10 * SECOND));
              long exact = base + slices * 10 * SECOND;
              assertTrue(Math.abs(q - exact) <= exact / 128, q + " is no recorded duration in " + s);
            }
          }
        }
      }
    });
    assertEquals((long) writers * perWriter, stats.latency().orElseThrow().count());
    time.advance(60 * SECOND);
    assertEquals(0, stats.latency().orElseThrow().recent().count());
    for (int i = 0; i < 10; i++) {
      stats.recordCall();
      stats.recordSuccess(stats.startNanos() - base);
    }
    LatencySnapshot latency = stats.latency().orElseThrow();
    assertEquals(10, latency.recent().count());
    assertEquals(base, latency.recent().maxNanos());
    assertEquals((long) writers * perWriter + 10, latency.count());
  }

  @Test
  void rejectionsAreCountedByTheKindOfGuardThatRefused() {
    CallStats stats = new CallStats("kinds");
    for (int i = 0; i < 6; i++) {
      stats.recordCall();
    }
    stats.recordRejection(ThrottledException.class);
    stats.recordRejection(CircuitOpenException.class);
    stats.recordRejection(CircuitOpenException.class);
    stats.recordRejection(BulkheadFullException.class);
    stats.recordRejection(SharperThrottle.class);
    stats.recordRejection(OtherRejection.class);
    assertEquals(6, stats.rejections());
    assertEquals(2, stats.rejections(ThrottledException.class), "a subclass counts as its base");
    assertEquals(2, stats.rejections(CircuitOpenException.class));
    assertEquals(1, stats.rejections(BulkheadFullException.class));
    assertEquals(2, stats.rejections(SharperThrottle.class), "asked by a subclass: its base's count");
    assertEquals(0, stats.inFlight());
  }

  @Test
  void aKindThatIsNoGuardsIsRefusedByName() {
    CallStats stats = new CallStats("bad kinds");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> stats.rejections(OtherRejection.class));
    assertTrue(e.getMessage().contains(OtherRejection.class.getName()), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> stats.rejections(GuardRejectedException.class));
    assertThrows(NullPointerException.class, () -> stats.rejections(null));
    assertThrows(NullPointerException.class, () -> stats.recordRejection(null));
    assertThrows(NullPointerException.class, () -> CallStats.withLatency("x", null));
  }

  /** Within the histogram's bound: 1/128 of the exact value. */
  static void assertNear(long exact, long reported) {
    assertTrue(Math.abs(reported - exact) <= exact / 128, "reported " + reported + ", exact " + exact);
  }

  static final class SharperThrottle extends ThrottledException {
    SharperThrottle() {
      super("sharper");
    }
  }

  static final class OtherRejection extends GuardRejectedException {
    OtherRejection() {
      super("other", "other", null);
    }
  }
}
