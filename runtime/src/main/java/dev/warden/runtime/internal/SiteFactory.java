package dev.warden.runtime.internal;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.ThrottledException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

/**
 * Turns an annotated method into its {@link GuardSite}: finds the annotations (the method's own,
 * else its type's for public non-static methods), resolves names and overrides, validates every
 * value, obtains the shared guards from the {@link GuardRegistry} and resolves fallbacks.
 *
 * <p>Stateless; thread-safe.
 */
final class SiteFactory {

  private static final System.Logger LOG = System.getLogger("dev.warden");

  private SiteFactory() {}

  static Method method(Class<?> declaringClass, String methodName, Class<?>... parameterTypes) {
    try {
      return declaringClass.getDeclaredMethod(methodName, parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "No method " + methodName + Arrays.toString(parameterTypes) + " declared in " + declaringClass.getName(), e);
    }
  }

  static String displayName(Method method) {
    return method.getDeclaringClass().getName() + "#" + method.getName();
  }

  static GuardSite create(Method method) {
    return create(method, GuardRegistry.instance());
  }

  static GuardSite create(Method method, GuardRegistry registry) {
    return create(method, registry, true);
  }

  /**
   * The method's site; an invalid configuration gives a site whose every call fails with it.
   *
   * @param logErrors whether to log an invalid configuration as {@code ERROR}; {@code false} when
   *     the java agent has already reported it while weaving the method
   */
  static GuardSite create(Method method, GuardRegistry registry, boolean logErrors) {
    String display = displayName(method);
    try {
      return build(method, registry, display);
    } catch (ConfigurationException e) {
      if (logErrors) {
        LOG.log(System.Logger.Level.ERROR, "{0}: every call will fail: {1}", display, e.getMessage());
      }
      return GuardSite.misconfigured(display, e);
    }
  }

  private static GuardSite build(Method method, GuardRegistry registry, String display) {
    ClassLoader loader = method.getDeclaringClass().getClassLoader();
    Throttled throttled = find(method, Throttled.class);
    Breaker breaker = find(method, Breaker.class);
    CountCalls count = find(method, CountCalls.class);

    CallStats stats = count == null ? null : registry.stats(name(count.name(), display), display, loader);

    CircuitBreaker circuit = null;
    Fallback breakerFallback = null;
    if (breaker != null) {
      String name = name(breaker.name(), display);
      circuit = registry.breaker(name, breakerConfig(breaker, name, display, loader), display, loader);
      breakerFallback = fallback(method, breaker.fallback(), CircuitOpenException.class, "@Breaker(fallback");
    }

    RateLimiter limiter = null;
    Fallback throttledFallback = null;
    if (throttled != null) {
      String name = name(throttled.name(), display);
      limiter = registry.limiter(name, limiterConfig(throttled, name, display, loader), display, loader);
      throttledFallback = fallback(method, throttled.fallback(), ThrottledException.class, "@Throttled(fallback");
    }
    warnIneffectiveOverrides(display, loader, throttled, breaker, count);
    return new GuardSite(display, stats, circuit, limiter, breakerFallback, throttledFallback, method.getReturnType());
  }

  /**
   * Logs a warning for each override of a name this method uses whose attribute belongs to a
   * guard kind the method does not declare under that name (e.g. {@code callsPerSecond} for a
   * method with only {@code @Breaker}): such a value would otherwise be silently unused.
   */
  private static void warnIneffectiveOverrides(
      String display, ClassLoader loader, Throttled throttled, Breaker breaker, CountCalls count) {
    Set<String> names = new LinkedHashSet<>();
    names.add(display);
    if (throttled != null) names.add(name(throttled.name(), display));
    if (breaker != null) names.add(name(breaker.name(), display));
    if (count != null) names.add(name(count.name(), display));
    for (String name : names) {
      Overrides overrides = Overrides.load(name, loader);
      if (throttled == null || !name.equals(name(throttled.name(), display))) {
        overrides.warnIfPresent(RateLimiterConfig.ATTRIBUTES, display, "@Throttled", name);
      }
      if (breaker == null || !name.equals(name(breaker.name(), display))) {
        overrides.warnIfPresent(CircuitBreakerConfig.ATTRIBUTES, display, "@Breaker", name);
      }
    }
  }

  /** The method's own annotation, else its type's if the method is public and not static. */
  static <A extends Annotation> A find(Method method, Class<A> type) {
    A own = method.getAnnotation(type);
    if (own != null) {
      return own;
    }
    int modifiers = method.getModifiers();
    return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isSynthetic()
        ? method.getDeclaringClass().getDeclaredAnnotation(type)
        : null;
  }

  private static String name(String declared, String display) {
    return declared.isEmpty() ? display : declared;
  }

  private static RateLimiterConfig limiterConfig(Throttled a, String name, String display, ClassLoader loader) {
    Overrides overrides = Overrides.load(name, loader);
    double callsPerSecond = overrides.doubleValue("callsPerSecond", a.callsPerSecond());
    int burst = overrides.intValue("burst", a.burst());
    long maxWaitMillis = overrides.longValue("maxWaitMillis", a.maxWaitMillis());
    try {
      return new RateLimiterConfig(callsPerSecond, burst, maxWaitMillis);
    } catch (ConfigurationException e) {
      throw explain(e, overrides, "@Throttled", display);
    }
  }

  private static CircuitBreakerConfig breakerConfig(Breaker a, String name, String display, ClassLoader loader) {
    Overrides overrides = Overrides.load(name, loader);
    int threshold = overrides.intValue("failureThreshold", a.failureThreshold());
    long cooldown = overrides.longValue("cooldownMillis", a.cooldownMillis());
    int halfOpen = overrides.intValue("halfOpenCalls", a.halfOpenCalls());
    List<Class<? extends Throwable>> failOn = overrides.throwableTypes("failOn", List.of(a.failOn()), loader);
    List<Class<? extends Throwable>> ignore = overrides.throwableTypes("ignore", List.of(a.ignore()), loader);
    try {
      return new CircuitBreakerConfig(threshold, cooldown, halfOpen, failOn, ignore);
    } catch (ConfigurationException e) {
      throw explain(e, overrides, "@Breaker", display);
    }
  }

  private static ConfigurationException explain(
      ConfigurationException e, Overrides overrides, String annotation, String display) {
    ConfigurationException fromOverride = overrides.explain(e);
    return fromOverride != null
        ? fromOverride
        : new ConfigurationException(e.attribute(), e.value(),
            "Invalid " + annotation + "(" + e.attribute() + "=" + e.value() + ") on " + display + ": " + e.getMessage());
  }

  private static Fallback fallback(
      Method method, String name, Class<? extends dev.warden.runtime.GuardRejectedException> rejection, String attribute) {
    return name.isEmpty() ? null : Fallback.resolve(method, name, rejection, attribute + ")");
  }
}
