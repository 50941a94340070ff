package dev.warden.runtime.rules;

import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.TimeoutConfig;
import java.util.List;

/**
 * Attribute values: checked by the runtime's configuration types themselves, so each rule is
 * written once; a message names the annotation, attribute, value and where it is written (or the
 * override key, value and source).
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class Values {

  private Values() {}

  /**
   * Checks every value of {@code declaration}.
   *
   * @param declaration the declaration, with overrides applied
   * @param oracle resolves the class names of class-list values ({@code failOn}, {@code retryOn}, …)
   *     that no compiler checked: overridden ones, and all of a configured declaration
   * @throws ConfigurationException for the first invalid value
   */
  public static void check(GuardDeclaration declaration, TypeOracle oracle) {
    checkNumbers(declaration);
    switch (declaration.kind()) {
      case BREAKER -> {
        throwableTypes(declaration, "failOn", oracle);
        throwableTypes(declaration, "ignore", oracle);
      }
      case RETRY -> {
        throwableTypes(declaration, "retryOn", oracle);
        throwableTypes(declaration, "abortOn", oracle);
      }
      default -> { }
    }
  }

  /**
   * Checks the values of {@code declaration} that need no class loader: all but whether its
   * class-list names exist and are throwables. The java agent checks guard entries with it at
   * start-up, before the classes they name are loaded.
   *
   * @param declaration the declaration
   * @throws ConfigurationException for the first invalid value
   */
  public static void checkNumbers(GuardDeclaration declaration) {
    switch (declaration.kind()) {
      case TIMEOUT -> timeout(declaration);
      case BULKHEAD -> concurrencyLimiter(declaration);
      case THROTTLED -> rateLimiter(declaration);
      case BREAKER -> circuitBreaker(declaration, List.of(), List.of());
      case RETRY -> retry(declaration, List.of(), List.of());
      case COUNT_CALLS -> { }
    }
  }

  /**
   * The limiter configuration of a {@code @Throttled} declaration.
   *
   * @param d the declaration
   * @return its configuration
   * @throws ConfigurationException naming the declaration and the first invalid value
   */
  public static RateLimiterConfig rateLimiter(GuardDeclaration d) {
    try {
      return new RateLimiterConfig(
          d.doubleValue("callsPerSecond"), d.intValue("burst"), d.longValue("maxWaitMillis"));
    } catch (ConfigurationException e) {
      throw Messages.badValue(d, e);
    }
  }

  /**
   * The concurrency limit of a {@code @Bulkhead} declaration.
   *
   * @param d the declaration
   * @return its configuration
   * @throws ConfigurationException naming the declaration and the first invalid value
   */
  public static ConcurrencyLimiterConfig concurrencyLimiter(GuardDeclaration d) {
    try {
      return new ConcurrencyLimiterConfig(d.intValue("maxConcurrent"), d.longValue("maxWaitMillis"));
    } catch (ConfigurationException e) {
      throw Messages.badValue(d, e);
    }
  }

  /**
   * The time limit of a {@code @Timeout} declaration.
   *
   * @param d the declaration
   * @return its configuration
   * @throws ConfigurationException naming the declaration and the invalid value
   */
  public static TimeoutConfig timeout(GuardDeclaration d) {
    try {
      return new TimeoutConfig(d.longValue("millis"), d.booleanValue("interrupt"));
    } catch (ConfigurationException e) {
      throw Messages.badValue(d, e);
    }
  }

  /**
   * Whether a {@code @CountCalls} declaration measures the duration of calls.
   *
   * @param d the declaration, with overrides applied
   * @return its {@code latency} value
   */
  public static boolean latency(GuardDeclaration d) {
    return d.booleanValue("latency");
  }

  /**
   * The breaker configuration of a {@code @Breaker} declaration, with its throwable types resolved
   * by the caller.
   *
   * @param d the declaration
   * @param failOn its {@code failOn} types
   * @param ignore its {@code ignore} types
   * @return its configuration
   * @throws ConfigurationException naming the declaration and the first invalid value
   */
  public static CircuitBreakerConfig circuitBreaker(
      GuardDeclaration d, List<Class<? extends Throwable>> failOn, List<Class<? extends Throwable>> ignore) {
    try {
      return new CircuitBreakerConfig(
          d.intValue("failureThreshold"), d.longValue("cooldownMillis"), d.intValue("halfOpenCalls"), failOn, ignore);
    } catch (ConfigurationException e) {
      throw Messages.badValue(d, e);
    }
  }

  /**
   * The retry configuration of a {@code @Retry} declaration, with its throwable types resolved by
   * the caller.
   *
   * @param d the declaration
   * @param retryOn its {@code retryOn} types
   * @param abortOn its {@code abortOn} types
   * @return its configuration
   * @throws ConfigurationException naming the declaration and the first invalid value
   */
  public static RetryConfig retry(
      GuardDeclaration d, List<Class<? extends Throwable>> retryOn, List<Class<? extends Throwable>> abortOn) {
    try {
      return new RetryConfig(d.intValue("maxAttempts"), d.longValue("delayMillis"), d.doubleValue("multiplier"),
          d.longValue("maxDelayMillis"), d.doubleValue("jitter"), retryOn, abortOn);
    } catch (ConfigurationException e) {
      throw Messages.badValue(d, e);
    }
  }

  /**
   * Class names no compiler checked must name throwables: overridden ones, and those of a guard
   * entry; those written in an annotation are the compiler's concern.
   */
  private static void throwableTypes(GuardDeclaration d, String attribute, TypeOracle oracle) {
    if (!d.configured() && !d.overridden().containsKey(attribute)) {
      return;
    }
    List<String> names = d.typeNames(attribute);
    for (String name : names) {
      String problem = !oracle.exists(name) ? Messages.classNotFound(name)
          : !oracle.isThrowable(name) ? Messages.notThrowable(name) : null;
      if (problem != null) {
        throw Messages.badValue(d, new ConfigurationException(attribute, Messages.classList(names), problem));
      }
    }
  }
}
