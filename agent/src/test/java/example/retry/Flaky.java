package example.retry;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bodies for the retry advice: each attempt records the arguments it starts with, then reassigns
 * its parameters, then fails while {@link #failures} attempts have not failed yet. Written without
 * {@code invokedynamic} (no string concatenation, no lambda) and without interface static calls,
 * so that the class file may be marked as Java 6.
 */
@Retry(delayMillis = 0, jitter = 0)
public class Flaky {

  /** What each attempt saw on entry, in order. */
  public static final List<String> SEEN = new ArrayList<String>();
  /** How many attempts fail (with an {@code IOException}) before one succeeds. */
  public static int failures;

  static void attempt(String seen) throws IOException {
    SEEN.add(seen);
    if (SEEN.size() <= failures) {
      throw new IOException("boom ".concat(String.valueOf(SEEN.size())));
    }
  }

  public String fetch(String key, int n) throws IOException {
    String seen = key.concat("/").concat(String.valueOf(n));
    key = "reassigned";
    n = -1;
    attempt(seen);
    return key.concat(String.valueOf(n));
  }

  public int count(int start, StringBuilder log) throws IOException {
    String seen = String.valueOf(start).concat("/").concat(log.toString());
    start = 1000;
    log = new StringBuilder("reassigned");
    attempt(seen);
    return start + SEEN.size();
  }

  public void store(String key) throws IOException {
    attempt(key);
    key = null;
  }

  @Retry(maxAttempts = 5, delayMillis = 0)
  public static long total(long a, Object b) throws IOException {
    String seen = String.valueOf(a).concat("/").concat(String.valueOf(b));
    a = 0;
    b = "reassigned";
    attempt(seen);
    return a + SEEN.size();
  }

  public synchronized String locked(String key) throws IOException {
    attempt(String.valueOf(Thread.holdsLock(this)));
    return key;
  }

  /** Not public: the type's {@code @Retry} does not apply, its own {@code @CountCalls} does. */
  @CountCalls
  protected String plain(String key) throws IOException {
    attempt(key);
    return key;
  }
}
