package dev.warden.runtime;

import dev.warden.runtime.internal.GuardRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of every guard in this JVM, by name. A guard exists once its method has been
 * called (processor-generated classes create theirs when they are initialised). Names are {@code
 * <binary class name>#<method name>} unless the annotation gives one.
 *
 * <p>Thread-safe: all methods may be called concurrently, from any thread.
 */
public final class Warden {

  private Warden() {}

  /** The call statistics of the {@code @CountCalls} guard named {@code name}. */
  public static Optional<CallStats> callStats(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findStats(name));
  }

  /** The circuit breaker of the {@code @Breaker} guard named {@code name}. */
  public static Optional<CircuitBreaker> breaker(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findBreaker(name));
  }

  /** The rate limiter of the {@code @Throttled} guard named {@code name}. */
  public static Optional<RateLimiter> rateLimiter(String name) {
    return Optional.ofNullable(GuardRegistry.instance().findLimiter(name));
  }

  /** The names of all guards created so far, sorted. */
  public static Set<String> names() {
    return java.util.Collections.unmodifiableSet(GuardRegistry.instance().names());
  }

  /** Adds a listener told of every state transition of every {@code @Breaker} guard. */
  public static void addListener(BreakerListener listener) {
    GuardRegistry.instance().addListener(listener);
  }

  /** Removes a listener added with {@link #addListener}; returns whether it was registered. */
  public static boolean removeListener(BreakerListener listener) {
    return GuardRegistry.instance().removeListener(listener);
  }
}
