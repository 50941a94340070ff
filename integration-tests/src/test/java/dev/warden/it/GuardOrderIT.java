package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.breaker;
import static dev.warden.it.Guards.limiter;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.it.fixtures.FlakyBackend;
import dev.warden.it.fixtures.HttpClient;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ThrottledException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The guard order {@code CountCalls(Breaker(Throttled(method)))}. */
class GuardOrderIT {

  private final FlakyBackend backend = new FlakyBackend();
  private final HttpClient client = Mode.current().fixtures().http(backend);

  @Test
  void openCircuitSpendsNoPermitAndTheCounterSeesEveryCall() {
    String name = FIXTURES + "HttpClient#upload";
    backend.then(new IOException("1"), new IOException("2"));
    assertThrows(IOException.class, () -> client.upload("/f"));
    assertThrows(IOException.class, () -> client.upload("/f"));
    assertEquals(CircuitBreaker.State.OPEN, breaker(name).state());

    for (int i = 0; i < 5; i++) {
      assertThrows(CircuitOpenException.class, () -> client.upload("/f"));
    }
    assertEquals(1, limiter(name).availablePermits(), "burst 3, two spent by the failed calls");
    assertEquals(2, backend.requests());
    CallStats stats = stats(name);
    assertEquals(7, stats.calls());
    assertEquals(2, stats.failures());
    assertEquals(5, stats.rejections());
  }

  @Test
  void throttledRejectionIsNeverABreakerFailure() throws IOException {
    String name = FIXTURES + "HttpClient#options";
    assertEquals("OPTIONS /o", client.options("/o"));
    for (int i = 0; i < 3; i++) {
      assertThrows(ThrottledException.class, () -> client.options("/o"));
    }
    CircuitBreaker breaker = breaker(name);
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "threshold 1, yet closed");
    assertEquals(0, breaker.consecutiveFailures());
    CallStats stats = stats(name);
    assertEquals(4, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(0, stats.failures());
    assertEquals(3, stats.rejections());
  }
}
