package dev.warden.redis;

import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.site.GuardSite;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls through a {@link GuardSite} exactly as generated and woven code do, and the system
 * properties a test sets (cleared again by {@link #close()}).
 *
 * <p>Not thread-safe: one test drives it.
 */
final class GuardedCalls implements AutoCloseable {

  private final List<String> keys = new ArrayList<>();

  /**
   * One guarded call of a body that returns {@code "ok"}.
   *
   * @return {@code "ok"}
   * @throws dev.warden.runtime.ThrottledException if the site refuses the call
   * @throws dev.warden.runtime.ConfigurationException if the site's configuration is unusable
   */
  static String call(GuardSite site) {
    Object permit = site.enter();
    if (permit instanceof GuardRejectedException) {
      site.rejected(permit, null, new Object[0]); // no fallback: throws the rejection
      throw new AssertionError("a rejection without a fallback was not thrown");
    }
    return site.onReturn(permit, "ok");
  }

  /**
   * Opens the store the guard {@code guardName} will use ({@code warden.redis.uri} and {@code
   * more}, as its system properties say) and waits until it is connected, so that the guard's
   * first call finds it up.
   *
   * @param more further {@code warden.redis.*} settings, name then value
   */
  static void connect(String uri, String guardName, RateLimiterConfig config, String... more) {
    Connected.once(Connected.open(uri, more).bucket(guardName, config)::availablePermits);
  }

  /** Sets a system property until {@link #close()}. */
  GuardedCalls set(String key, String value) {
    System.setProperty(key, value);
    keys.add(key);
    return this;
  }

  /** Clears the system properties this instance set. */
  @Override
  public void close() {
    keys.forEach(System::clearProperty);
    keys.clear();
  }
}
