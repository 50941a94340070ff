package dev.warden.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A counter's reading stays monotonic when the guard of its name is replaced (a redeploy). */
class ReadingTest {

  private final AtomicReference<AtomicLong> newest = new AtomicReference<>();
  private final Reading<AtomicLong> counter = new Reading<>("c", name -> Optional.ofNullable(newest.get()), AtomicLong::get);

  @Test
  void aReplacingGuardsCountsAddToWhatTheReplacedOneHadCountedAtItsLastRead() {
    assertEquals(0, counter.counter(), "no guard yet");
    AtomicLong old = new AtomicLong(5);
    newest.set(old);
    assertEquals(5, counter.counter());
    old.addAndGet(2); // counted after the last read: lost with the redeploy
    AtomicLong replacing = new AtomicLong(1);
    newest.set(replacing);
    assertEquals(6, counter.counter());
    replacing.addAndGet(2);
    assertEquals(8, counter.counter());
    newest.set(null);
    assertEquals(8, counter.counter(), "no guard: the last value");
  }

  /** Readers racing the replacement add the replaced guard's value exactly once, and never see the count go down. */
  @Test
  void readersRacingAReplacementAddTheOldValueOnce() throws InterruptedException {
    for (int round = 0; round < 200; round++) {
      Reading<AtomicLong> shared = new Reading<>("c", name -> Optional.ofNullable(newest.get()), AtomicLong::get);
      newest.set(new AtomicLong(5));
      assertEquals(5, shared.counter());
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> readers = new ArrayList<>();
      List<String> problems = new CopyOnWriteArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread reader = new Thread(() -> {
          try {
            start.await();
            double before = 0;
            for (int i = 0; i < 200; i++) {
              double now = shared.counter();
              if (now < before || (now != 5 && now != 6)) {
                problems.add(before + " then " + now);
                break;
              }
              before = now;
            }
          } catch (InterruptedException e) {
            problems.add("interrupted");
          }
        });
        reader.start();
        readers.add(reader);
      }
      start.countDown();
      newest.set(new AtomicLong(1));
      for (Thread reader : readers) {
        reader.join();
      }
      assertTrue(problems.isEmpty(), "round " + round + ": " + problems);
      assertEquals(6, shared.counter(), "round " + round);
    }
  }
}
