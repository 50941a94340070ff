package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link LatencyRecorder} at slice boundaries, on a fake clock, with recording threads released
 * together: of the threads that see the clock leave the current slice, only the one that starts
 * the next slice copies the counts, and no count is lost.
 */
class LatencySliceRaceTest {

  private static final int THREADS = 4;
  private static final int ROUNDS = 100;
  private static final int WARM = 10;
  /** Durations of 1 ns to 2^29 ns: 24 pages of the histogram (those under 128 ns share two), so a copy of the counts is over 12 KB. */
  private static final int POWERS = 30;

  /**
   * A fake clock at which, while {@link #gate} is on, each reader waits after its reading until
   * every racing thread has read it: all of them then look at the slice of the same moment.
   */
  private static final class GatedTime implements TimeSource {
    final FakeTime time = new FakeTime();
    volatile boolean gate;
    final AtomicInteger arrived = new AtomicInteger();

    @Override
    public long nanoTime() {
      long reading = time.nanoTime();
      if (gate) {
        int round = arrived.incrementAndGet();
        int target = (round + THREADS - 1) / THREADS * THREADS;
        while (arrived.get() < target) {
          Thread.yield(); // lets the other racers run on a busy machine, and allocates nothing
        }
      }
      return reading;
    }

    @Override
    public void parkNanos(long nanos) {
      time.parkNanos(nanos);
    }
  }

  @Test
  void onlyTheThreadThatStartsASliceCopiesTheCounts() throws InterruptedException {
    GatedTime time = new GatedTime();
    LatencyRecorder recorder = new LatencyRecorder(time);
    for (int power = 0; power < POWERS; power++) {
      long start = time.nanoTime();
      time.time.advance(1L << power);
      recorder.record(start);
    }
    long copySize = 8L * LatencyHistogram.PAGE_SIZE * (POWERS - 6);
    long[] allocated = new long[THREADS];
    for (int round = 1; round <= ROUNDS; round++) {
      time.time.advance(LatencyRecorder.SLICE_NANOS); // the next slice: every racing thread sees it begin
      long start = time.time.peek() - 1_000;
      time.gate = true;
      Concurrently.run(THREADS, index -> {
        Allocations.ofThisThread();
        long before = Allocations.ofThisThread();
        recorder.record(start);
        allocated[index] = Allocations.ofThisThread() - before;
      });
      time.gate = false;
      if (round > WARM) { // the first crossings also link the code (method handles of the CAS), which allocates
        int copiers = 0;
        for (long bytes : allocated) {
          if (bytes >= copySize) {
            copiers++;
          } else {
            assertEquals(0, bytes / (copySize / 4), "round " + round + ": a thread that copied nothing allocated " + bytes + " B");
          }
        }
        assertEquals(1, copiers, "round " + round + ": threads that copied the counts");
      }
      long total = POWERS + (long) round * THREADS;
      LatencySnapshot snapshot = recorder.snapshot();
      assertEquals(total, snapshot.count());
      if (round < LatencyRecorder.SLICES - 1) { // the window still reaches back to the first slice
        assertEquals(total, snapshot.recent().count());
      }
    }
    // a slice begun once the racing is over holds exactly the calls after its start
    time.time.advance(LatencyRecorder.SLICES * LatencyRecorder.SLICE_NANOS);
    long start = time.nanoTime();
    time.time.advance(7);
    recorder.record(start);
    LatencySnapshot snapshot = recorder.snapshot();
    assertEquals(1, snapshot.recent().count());
    assertEquals(7, snapshot.recent().maxNanos());
    assertEquals(POWERS + (long) ROUNDS * THREADS + 1, snapshot.count());
  }
}
