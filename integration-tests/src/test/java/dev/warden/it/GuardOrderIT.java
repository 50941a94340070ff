package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.breaker;
import static dev.warden.it.Guards.bulkhead;
import static dev.warden.it.Guards.limiter;
import static dev.warden.it.Guards.retry;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.it.fixtures.Attempts;
import dev.warden.it.fixtures.FlakyBackend;
import dev.warden.it.fixtures.HttpClient;
import dev.warden.it.fixtures.OrderDesk;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.ThrottledException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The guard order {@code CountCalls(Breaker(Throttled(method)))}, with five guards {@code
 * CountCalls(Breaker(Throttled(Bulkhead(Timeout(method)))))}, and with all six {@code
 * CountCalls(Retry(Breaker(Throttled(Bulkhead(Timeout(method))))))}.
 */
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

  /**
   * {@code OrderDesk#place} carries all five guards. While one call holds the only bulkhead slot:
   * a second call spends its token and is then rejected by the bulkhead, which counts as a
   * rejection and never as a breaker failure (threshold 1); once the shared breaker is open, a
   * third call is refused by the breaker before the limiter and the bulkhead (no token spent, no
   * bulkhead rejection although the slot is taken). The call in the slot ends normally through
   * the timeout guard.
   */
  @Test
  void allFiveGuardsNestAsCountCallsBreakerThrottledBulkheadTimeout() throws Exception {
    String name = FIXTURES + "OrderDesk#place";
    OrderDesk desk = Mode.current().fixtures().orderDesk();
    Held held = Held.start(body -> desk.place("o1", body));
    RateLimiter limiter = limiter(name);
    ConcurrencyLimiter bulkhead = bulkhead(name);
    CircuitBreaker breaker = breaker(OrderDesk.BREAKER);
    assertEquals(9, limiter.availablePermits(), "burst 10, one spent by the held call");
    assertEquals(0, bulkhead.available());

    assertThrows(BulkheadFullException.class, () -> desk.place("o2", () -> { }));
    assertEquals(8, limiter.availablePermits(), "the token is spent before the bulkhead rejects");
    assertEquals(1, bulkhead.rejections());
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "threshold 1, yet closed");
    assertEquals(0, breaker.consecutiveFailures());

    assertThrows(IOException.class, () -> desk.cancel("o0", true));
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertThrows(CircuitOpenException.class, () -> desk.place("o3", () -> { }),
        "the breaker answers before the bulkhead whose slot is taken");
    assertEquals(8, limiter.availablePermits(), "an open circuit spends no token");
    assertEquals(1, bulkhead.rejections(), "an open circuit asks no slot");

    assertEquals("placed o1", held.finish());
    assertEquals(1, bulkhead.available());
    CallStats stats = stats(name);
    assertEquals(3, stats.calls());
    assertEquals(1, stats.successes());
    assertEquals(0, stats.failures());
    assertEquals(2, stats.rejections());
    assertEquals(0, Guards.timeout(name).timeouts());
  }

  /**
   * {@code OrderDesk#amend} carries all six guards (three attempts on I/O errors, a breaker of its
   * own opening after five failures, 10 tokens, one bulkhead slot). A call whose three attempts
   * fail: the counter sees one failed call, each attempt spends a token, takes and gives back the
   * only slot (no bulkhead rejection) and is a breaker failure. A second call: its second failure
   * is the fifth and opens the breaker, which refuses the third attempt before the limiter (no
   * token spent), and the call ends with that rejection, for the counter too.
   */
  @Test
  void allSixGuardsNestAsCountCallsRetryBreakerThrottledBulkheadTimeout() {
    String name = FIXTURES + "OrderDesk#amend";
    OrderDesk desk = Mode.current().fixtures().orderDesk();
    Attempts amendments = desk.amendments();
    amendments.thenAlways(n -> new IOException("amendment " + n + " lost"));

    IOException last = assertThrows(IOException.class, () -> desk.amend("o1"));
    assertSame(amendments.lastThrown(), last);
    assertEquals(3, amendments.count());
    RateLimiter limiter = limiter(name);
    ConcurrencyLimiter bulkhead = bulkhead(name);
    CircuitBreaker breaker = breaker(name);
    assertEquals(7, limiter.availablePermits(), "burst 10, one token per attempt");
    assertEquals(1, bulkhead.available());
    assertEquals(0, bulkhead.rejections(), "each attempt gave its slot back before the next");
    assertEquals(3, breaker.consecutiveFailures(), "each attempt is a breaker failure");
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());

    CircuitOpenException rejected = assertThrows(CircuitOpenException.class, () -> desk.amend("o2"));
    assertEquals(name, rejected.guardName());
    assertEquals(5, amendments.count(), "the third attempt of o2 never ran");
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertEquals(5, limiter.availablePermits(), "the refused attempt spent no token");
    assertEquals(0, bulkhead.rejections());

    CallStats stats = stats(name);
    assertEquals(2, stats.calls(), "one per call, however many attempts");
    assertEquals(1, stats.failures());
    assertEquals(1, stats.rejections());
    assertEquals(0, stats.successes());
    RetryStats retries = retry(name);
    assertEquals(4, retries.retries(), "two per call: o2's third attempt was started, then refused");
    assertEquals(1, retries.exhausted());
    assertEquals(0, Guards.timeout(name).timeouts());
  }
}
