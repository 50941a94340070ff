package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.CountCalls;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Review 15: a measured call whose end throws after {@code enter()} pushed its start (here the
 * method's own {@code CompletableFuture} type cannot be instantiated when {@code onReturn} relays
 * the stage) leaves its start on the thread's {@link CallStarts}: the enclosing measured call then
 * pops the inner call's start and reports a wrong duration.
 */
class Review15LatencyStackTest {

  private static final long MS = 1_000_000L;

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  /** A stage type whose constructor fails while {@link #FAIL} is set (as a StackOverflowError near the stack's end would). */
  public static final class Fragile<T> extends CompletableFuture<T> {
    static volatile boolean FAIL;

    public Fragile() {
      if (FAIL) {
        throw new IllegalStateException("cannot make a stage now");
      }
    }
  }

  public static class Fixture {
    @CountCalls(name = "r15.outer", latency = true)
    public void outer() {}

    @CountCalls(name = "r15.inner", latency = true)
    public Fragile<String> inner() {
      return null;
    }
  }

  @Test
  void anEndThatThrowsDoesNotCorruptTheEnclosingCallsDuration() throws Exception {
    GuardSite outer = Protocol.site(registry, timer, Fixture.class, "outer");
    GuardSite inner = Protocol.site(registry, timer, Fixture.class, "inner");
    try {
      Protocol.call(outer, () -> {
        time.advanceMillis(10);
        Fragile.FAIL = true;
        assertThrows(IllegalStateException.class, () -> Protocol.call(inner, () -> new CompletableFuture<String>()));
        Fragile.FAIL = false;
        time.advanceMillis(5);
        return null;
      });
    } finally {
      Fragile.FAIL = false;
    }
    CallStats stats = registry.findStats("r15.outer");
    // the outer call ran 15 ms: entry at 0, end at 15
    assertEquals(15 * MS, stats.latency().orElseThrow().maxNanos());
  }

  @Test
  void anEndThatThrowsLeavesNoStartBehindOnTheThread() throws Exception {
    GuardSite inner = Protocol.site(registry, timer, Fixture.class, "inner");
    java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
    Thread fresh = new Thread(() -> { // a thread of its own: nothing measured ran on it before
      Fragile.FAIL = true;
      try {
        for (int i = 0; i < 3; i++) {
          assertThrows(IllegalStateException.class, () -> Protocol.call(inner, () -> new CompletableFuture<String>()));
        }
        Fragile.FAIL = false;
        // nothing is running on this thread: a pop must find no start
        assertEquals(CallStarts.NONE, CallStarts.pop(inner), "starts left behind on the thread");
      } catch (Throwable t) {
        outcome.set(t);
      } finally {
        Fragile.FAIL = false;
      }
    });
    fresh.start();
    fresh.join();
    if (outcome.get() != null) {
      throw new AssertionError(outcome.get());
    }
  }
}
