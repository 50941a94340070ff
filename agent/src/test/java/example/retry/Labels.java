package example.retry;

import dev.warden.annotations.Retry;
import java.util.ArrayList;
import java.util.List;

/** A default method for the retry advice, as {@link Flaky}'s bodies (no {@code invokedynamic}). */
public interface Labels {

  /** What each attempt saw on entry, in order. */
  List<String> SEEN = new ArrayList<String>();
  /** How many attempts fail before one succeeds (element 0). */
  int[] FAILURES = new int[1];

  @Retry
  default String label(String sku, int n) {
    SEEN.add(sku.concat("/").concat(String.valueOf(n)));
    sku = "reassigned";
    n = -1;
    if (SEEN.size() <= FAILURES[0]) {
      throw new IllegalStateException("boom ".concat(String.valueOf(SEEN.size())));
    }
    return sku.concat(String.valueOf(n));
  }
}
