package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.runtime.site.GuardSite;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Defect 8 through the guard site both weaving modes call: a listener that throws an {@link
 * Error} while the call's failure opens the circuit loses neither the method's own exception nor
 * a count.
 */
class ListenerErrorAtTheSiteTest {

  static class Target {
    @CountCalls(name = "listener-error-at-site")
    @Breaker(name = "listener-error-at-site", failureThreshold = 1)
    static void fails() throws IOException {
      throw new IOException("the method's own failure");
    }
  }

  @Test
  void theMethodsExceptionAndEveryCountSurviveAThrowingListener() {
    GuardSite site = GuardSite.forMethod(Target.class, "fails");
    CircuitBreaker breaker = Warden.breaker("listener-error-at-site").orElseThrow();
    breaker.addListener((b, from, to) -> {
      throw new AssertionError("listener bug");
    });
    Object permit = site.enter();
    Throwable thrown = null;
    try {
      try {
        Target.fails();
      } catch (Throwable t) {
        site.onFailure(permit, t);
        throw t;
      }
    } catch (Throwable t) {
      thrown = t;
    }
    assertNotNull(thrown);
    assertSame(IOException.class, thrown.getClass(), "the method's own exception, not the listener's");
    CallStats stats = Warden.callStats("listener-error-at-site").orElseThrow();
    assertEquals(0, stats.inFlight());
    assertEquals(1, stats.failures());
    assertEquals(1, stats.calls());
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
  }
}
