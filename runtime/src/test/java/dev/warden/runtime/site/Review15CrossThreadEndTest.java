package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Review 15: the site protocol hands the permit from {@code enter()} to the call's end, and a
 * hand-written wrapper of a callback API may end the call on another thread (nothing in {@link
 * GuardSite}'s contract forbids it, and it works without latency). Turning latency on (the
 * annotation, or an operator's {@code warden.<name>.latency=true}) changes that: the end looks
 * for the call's start on its own thread and throws before the breaker hears of the outcome, so a
 * half-open breaker's trial slot is never given back and the breaker refuses every later call.
 */
class Review15CrossThreadEndTest {

  private final FakeTime time = new FakeTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  static class Fixture {
    @CountCalls(name = "r15.crossOff")
    @Breaker(name = "r15.crossOff", failureThreshold = 1, cooldownMillis = 1_000, halfOpenCalls = 1)
    void plain() {}

    @CountCalls(name = "r15.crossOn", latency = true)
    @Breaker(name = "r15.crossOn", failureThreshold = 1, cooldownMillis = 1_000, halfOpenCalls = 1)
    void measured() {}
  }

  @Test
  void withoutLatencyATrialEndedOnAnotherThreadClosesTheBreaker() throws Exception {
    assertTrialEndedElsewhereCloses("plain", "r15.crossOff");
  }

  @Test
  void withLatencyATrialEndedOnAnotherThreadClosesTheBreakerToo() throws Exception {
    assertTrialEndedElsewhereCloses("measured", "r15.crossOn");
  }

  private void assertTrialEndedElsewhereCloses(String method, String name) throws Exception {
    GuardSite site = Protocol.site(registry, timer, Fixture.class, method);
    assertThrows(IOException.class, () -> Protocol.call(site, () -> {
      throw new IOException("opens it");
    }));
    CircuitBreaker breaker = registry.findBreaker(name);
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    time.advanceMillis(1_000);

    Object permit = site.enter(); // the trial call, started here ...
    assertFalse(permit instanceof GuardRejectedException);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread callback = new Thread(() -> { // ... and ended where its answer arrives
      try {
        site.onSuccess(permit);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    callback.start();
    callback.join();

    assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "the trial succeeded (the end threw " + thrown.get() + ")");
    CallStats stats = registry.findStats(name);
    assertEquals(0, stats.inFlight());
    assertEquals(1, stats.successes());
    assertFalse(site.enter() instanceof GuardRejectedException, "the next call is admitted");
    assertNull(thrown.get(), "the end of the call threw");
  }
}
