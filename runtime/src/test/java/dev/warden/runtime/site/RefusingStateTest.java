package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.Breaker;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The exception for a breaker's refusal was built from the breaker's state when it was thrown,
 * not the state that refused the call: a cooldown ending in between reported {@code HALF_OPEN}
 * for an open circuit's refusal, and building the exception itself moved the breaker.
 */
class RefusingStateTest {

  static class Target {
    @Breaker(name = "refusing-state", failureThreshold = 1, cooldownMillis = 1_000, halfOpenCalls = 1)
    void call() {}
  }

  @Test
  void theExceptionNamesTheStateThatRefusedTheCall() throws Exception {
    FakeTime time = new FakeTime();
    GuardRegistry registry = Registries.create(time);
    GuardSite site = Protocol.site(registry, Target.class, "call");
    assertThrows(IOException.class, () -> Protocol.call(site, () -> {
      throw new IOException("opens the circuit");
    }));
    CircuitBreaker breaker = registry.findBreaker("refusing-state");

    Object refusedWhileOpen = site.enter();
    assertInstanceOf(GuardRejectedException.class, refusedWhileOpen);
    time.advanceMillis(1_000); // the cooldown ends before the refusal is reported
    CircuitOpenException open = assertThrows(CircuitOpenException.class,
        () -> site.rejected(refusedWhileOpen, new Target(), new Object[0]));
    assertEquals(CircuitBreaker.State.OPEN, open.state());
    assertEquals("Circuit breaker 'refusing-state' is OPEN", open.getMessage());

    Object trial = site.enter(); // half-open: the one trial slot
    Object refusedWhileFull = site.enter();
    site.onFailure(trial, new IOException("the trial fails: open again"));
    CircuitOpenException full = assertThrows(CircuitOpenException.class,
        () -> site.rejected(refusedWhileFull, new Target(), new Object[0]));
    assertEquals(CircuitBreaker.State.HALF_OPEN, full.state());
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
  }
}
