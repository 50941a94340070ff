package example.retrying;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.runtime.CircuitOpenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bodies for the woven retry advice: each attempt records the arguments it starts with, reassigns
 * its parameters and fails while {@link #failures} attempts have not failed yet; {@link #thrown}
 * keeps what each attempt threw ({@code null} for a success).
 */
public class Remote {

  final List<String> seen = new ArrayList<>();
  final List<Throwable> thrown = new ArrayList<>();
  int failures;

  static final List<String> STATIC_SEEN = new ArrayList<>();
  static int staticFailures;

  Remote(int failures) {
    this.failures = failures;
  }

  private void attempt(String arguments, Throwable failure) throws Throwable {
    seen.add(arguments);
    if (thrown.size() < failures) {
      thrown.add(failure);
      throw failure;
    }
    thrown.add(null);
  }

  @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
  public String fetch(String key, int n) throws Throwable {
    String arguments = key + "/" + n;
    key = "reassigned";
    n = -1;
    attempt(arguments, new IOException("boom " + seen.size()));
    return key + n + "@" + seen.size();
  }

  @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
  public int count(int start, StringBuilder log) throws Throwable {
    String arguments = start + "/" + log;
    start = 1000;
    log = new StringBuilder("reassigned");
    attempt(arguments, new IOException("boom " + seen.size()));
    return start + seen.size();
  }

  @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
  public void store(String key) throws Throwable {
    attempt(key, new IOException("boom " + seen.size()));
    key = null;
  }

  @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
  public static long total(long a, Object b) throws IOException {
    STATIC_SEEN.add(a + "/" + b);
    a = 0;
    b = "reassigned";
    if (STATIC_SEEN.size() <= staticFailures) {
      throw new IOException("boom " + STATIC_SEEN.size());
    }
    return a + STATIC_SEEN.size();
  }

  @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
  public synchronized String locked(String key) throws Throwable {
    attempt(key + ":" + Thread.holdsLock(this), new IOException("boom " + seen.size()));
    return key;
  }

  @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0, abortOn = IllegalArgumentException.class)
  public String aborted(String key) throws Throwable {
    attempt(key, new IllegalArgumentException("bad " + seen.size()));
    return key;
  }

  @Retry(maxAttempts = 3, delayMillis = 0, jitter = 0)
  @Breaker(failureThreshold = 1, cooldownMillis = 600_000, fallback = "later")
  public String guarded(String key) throws Throwable {
    attempt(key, new IOException("boom " + seen.size()));
    return key;
  }

  String later(String key, CircuitOpenException e) {
    return "later:" + key;
  }

  @CountCalls
  public String plain(String key) throws Throwable {
    attempt(key, new IOException("boom " + seen.size()));
    return key;
  }

  @Retry(delayMillis = 0)
  public String cheapValue() {
    return "ok";
  }

  @Retry(delayMillis = 0)
  public void cheapNothing() {
  }

  @Retry(delayMillis = 0)
  public int cheapNumber(int x) {
    return x + 1_000_000; // outside the Integer cache: boxing it would allocate
  }
}
