package dev.warden.processor;

import static dev.warden.processor.Compiled.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated {@code @Retry} wrappers with the real runtime behind them, compiled with the
 * processor and called; the shape they run on is covered on a scripted site by {@link
 * RetryWrapperTest}.
 */
class RetryRuntimeTest {

  private static Compiled c;

  @BeforeAll
  static void compile() {
    c = Compiled.compile("retryrt.Remote", """
        package retryrt;
        import dev.warden.annotations.*;
        import dev.warden.runtime.CircuitOpenException;
        import java.io.IOException;
        import java.util.*;
        public class Remote {
          public final List<Throwable> thrown = new ArrayList<>();
          public int failures;
          private void attempt(Throwable failure) throws Throwable {
            if (thrown.size() < failures) {
              thrown.add(failure);
              throw failure;
            }
            thrown.add(null);
          }
          @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
          public String fetch(String key) throws Throwable {
            attempt(new IOException("boom " + thrown.size()));
            return key + "@" + thrown.size();
          }
          @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
          public int count() throws Throwable {
            attempt(new IOException("boom " + thrown.size()));
            return thrown.size();
          }
          @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0, abortOn = IllegalArgumentException.class)
          public void store() throws Throwable {
            attempt(new IllegalArgumentException("bad " + thrown.size()));
          }
          @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
          @Breaker(failureThreshold = 1, cooldownMillis = 600_000, fallback = "later")
          public String open(String key) throws Throwable {
            attempt(new IOException("boom " + thrown.size()));
            return key;
          }
          String later(String key, CircuitOpenException e) {
            return "later:" + key;
          }
        }
        """);
  }

  private static Object remote(int failures) throws Throwable {
    Object remote = c.create("retryrt.GuardedRemote");
    remote.getClass().getField("failures").setInt(remote, failures);
    return remote;
  }

  @SuppressWarnings("unchecked")
  private static List<Throwable> thrown(Object remote) throws ReflectiveOperationException {
    return (List<Throwable>) remote.getClass().getField("thrown").get(remote);
  }

  @Test
  void aBodyFailingTwiceThenSucceedingRunsThreeTimesAndReturns() throws Throwable {
    Object remote = remote(2);
    assertEquals("k@3", call(remote, "fetch", "k"));
    assertEquals(3, thrown(remote).size());
    Object counter = remote(2);
    assertEquals(3, call(counter, "count"));
  }

  @Test
  void theLastFailureOfTheLastAttemptIsThrownUnchanged() throws Throwable {
    Object remote = remote(5);
    IOException last = assertThrows(IOException.class, () -> call(remote, "fetch", "k"));
    assertEquals(3, thrown(remote).size());
    assertSame(thrown(remote).get(2), last);
    assertEquals(0, last.getSuppressed().length);
  }

  /** Attempt 1 opens the breaker; attempt 2 meets the open circuit: the call ends as that rejection, with its fallback. */
  @Test
  void aRefusedRetryEndsTheCallAsARejection() throws Throwable {
    Object remote = remote(5);
    assertEquals("later:k", call(remote, "open", "k"));
    assertEquals(1, thrown(remote).size());
    assertEquals(CircuitBreaker.State.OPEN, Warden.breaker("retryrt.Remote#open").orElseThrow().state());
  }

  /** Needs nothing beyond the no-retry behaviour: a failure {@code abortOn} names is thrown at once. */
  @Test
  void anAbortedFailureIsThrownAtOnceUnchanged() throws Throwable {
    Object remote = remote(5);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> call(remote, "store"));
    assertEquals(List.of(bad), thrown(remote));
  }
}
