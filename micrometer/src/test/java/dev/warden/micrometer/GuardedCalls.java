package dev.warden.micrometer;

import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.site.GuardSite;
import java.util.concurrent.Callable;

/** Calls a body through a {@link GuardSite} as generated code does (the body again for each attempt a retry hands out). */
final class GuardedCalls {

  private static final Object[] NO_ARGUMENTS = new Object[0];

  private GuardedCalls() {}

  /**
   * One guarded call of {@code body}.
   *
   * @return what the body returned
   * @throws Exception what the call threw: the body's failure, a rejection or a timeout
   */
  static Object call(GuardSite site, Callable<?> body) throws Exception {
    Object permit = site.enter();
    for (;;) {
      if (permit instanceof GuardRejectedException) {
        return site.rejected(permit, null, NO_ARGUMENTS);
      }
      Object result;
      try {
        result = body.call();
      } catch (Throwable t) {
        permit = site.retry(permit, t);
        continue;
      }
      permit = site.returned(permit);
      if (permit == null) {
        return result;
      }
    }
  }

  /** A body that throws each of {@code failures} in turn, then returns {@code "ok"}; one per call sequence. */
  static Callable<Object> failing(Exception... failures) {
    int[] runs = {0};
    return () -> {
      int run = runs[0]++;
      if (run < failures.length) {
        throw failures[run];
      }
      return "ok";
    };
  }
}
