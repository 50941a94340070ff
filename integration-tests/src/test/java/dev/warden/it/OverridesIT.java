package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.breaker;
import static dev.warden.it.Guards.bulkhead;
import static dev.warden.it.Guards.limiter;
import static dev.warden.it.Guards.retry;
import static dev.warden.it.Guards.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.Tunable;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.ThrottledException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Configuration overrides. The failsafe executions pass the system properties (see
 * {@code it.overrides} in the pom); {@code warden.properties} is a test resource.
 */
class OverridesIT {

  private final Tunable tunable = Mode.current().fixtures().tunable();

  @Test
  void systemPropertyOverridesTheAnnotation() {
    assertAdmitsExactly(4, tunable::fromSystemProperty);
    assertEquals(4, limiter(FIXTURES + "Tunable#fromSystemProperty").config().burst());
  }

  @Test
  void wardenPropertiesResourceOverridesTheAnnotation() {
    assertAdmitsExactly(3, tunable::fromFile);
  }

  @Test
  void systemPropertyWinsOverTheResource() {
    assertAdmitsExactly(2, tunable::systemWins);
  }

  @Test
  void invalidOverrideFailsEveryCallNamingTheKeyAndValue() {
    for (int i = 0; i < 2; i++) {
      ConfigurationException e = assertThrows(ConfigurationException.class, tunable::misconfigured);
      assertTrue(e.getMessage().contains("warden." + FIXTURES + "Tunable#misconfigured.callsPerSecond"), e.getMessage());
      assertTrue(e.getMessage().contains("fast"), e.getMessage());
    }
  }

  @Test
  void namedGuardIsOverriddenByItsName() {
    for (int i = 0; i < 2; i++) {
      assertThrows(IllegalStateException.class, () -> tunable.fragile(true));
    }
    CircuitBreaker breaker = breaker("tunable-breaker");
    assertEquals(2, breaker.config().failureThreshold(), "annotation says 10, warden.properties 2");
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
  }

  @Test
  void bulkheadMaxConcurrentIsOverridden() throws Exception {
    String name = FIXTURES + "Tunable#widened";
    Held first = Held.start(tunable::widened);
    Held second = Held.start(tunable::widened);
    assertThrows(BulkheadFullException.class, () -> tunable.widened(() -> { }), "annotation says 1, warden.properties 2");
    assertEquals("ok", first.finish());
    assertEquals("ok", second.finish());
    assertEquals(2, bulkhead(name).maxConcurrent());
  }

  @Test
  void timeoutMillisIsOverridden() {
    long start = System.nanoTime();
    CallTimeoutException e = assertThrows(CallTimeoutException.class, tunable::shortened,
        "annotation says 10 minutes, warden.properties 50 ms");
    long took = System.nanoTime() - start;
    assertEquals(50, e.millis());
    assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
    assertTrue(took < TimeUnit.SECONDS.toNanos(10), "less than the body's 10 s: " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
    assertEquals(50, timeout(FIXTURES + "Tunable#shortened").config().millis());
  }

  @Test
  void timeoutInterruptIsOverridden() {
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> tunable.uninterrupted(200));
    assertNull(e.getCause());
    assertFalse(tunable.interruptSeen(), "annotation interrupts, warden.properties says interrupt=false");
    assertFalse(Thread.interrupted());
    assertFalse(timeout(FIXTURES + "Tunable#uninterrupted").config().interrupt());
  }

  @Test
  void invalidBooleanOverrideFailsEveryCallNamingTheKeyAndValue() {
    for (int i = 0; i < 2; i++) {
      ConfigurationException e = assertThrows(ConfigurationException.class, tunable::undecided);
      assertTrue(e.getMessage().contains("warden." + FIXTURES + "Tunable#undecided.interrupt"), e.getMessage());
      assertTrue(e.getMessage().contains("maybe"), e.getMessage());
    }
  }

  @Test
  void retryMaxAttemptsOfOneTurnsRetryingOff() {
    IOException reset = new IOException("reset");
    tunable.attempts().then(reset, "never");
    assertSame(reset, assertThrows(IOException.class, tunable::once), "annotation says 3 attempts, warden.properties 1");
    assertEquals(1, tunable.attempts().count());
    assertEquals(1, retry(FIXTURES + "Tunable#once").config().maxAttempts());
  }

  @Test
  void retryOnIsOverriddenByClassName() throws IOException {
    tunable.attempts().then(new IOException("reset"), "ok");
    assertEquals("ok", tunable.picky(), "annotation retries IllegalStateException, warden.properties IOException");
    assertEquals(2, tunable.attempts().count());
    assertEquals(List.of(IOException.class), retry(FIXTURES + "Tunable#picky").config().retryOn());
  }

  @Test
  void invalidRetryOverrideFailsEveryCallNamingTheKeyAndValue() {
    for (int i = 0; i < 2; i++) {
      ConfigurationException e = assertThrows(ConfigurationException.class, tunable::hasty);
      assertTrue(e.getMessage().contains("warden." + FIXTURES + "Tunable#hasty.multiplier"), e.getMessage());
      assertTrue(e.getMessage().contains("0.5"), e.getMessage());
      assertEquals("multiplier", e.attribute());
      assertEquals("0.5", e.value());
    }
    assertEquals(0, tunable.attempts().count(), "the body never ran");
  }

  private static void assertAdmitsExactly(int burst, Supplier<String> call) {
    for (int i = 0; i < burst; i++) {
      assertEquals("ok", call.get(), "call " + (i + 1) + " of burst " + burst);
    }
    assertThrows(ThrottledException.class, call::get);
  }
}
