package dev.warden.runtime.internal;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.rules.ConfigChange;
import dev.warden.runtime.rules.GuardKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Changes a number of the live guards of a name at run time: every guard of the name that has
 * the attribute, in every class loader (an override applies by name too), or none of them if the
 * value is invalid for any. Each guard takes its new configuration in one step ({@code
 * reconfigure} of the guard). A change is logged at {@code INFO} on {@code dev.warden}.
 *
 * <p>A guard created afterwards (a method called for the first time, a redeployed application)
 * starts from its declaration and overrides, not from a change made before.
 *
 * <p>Thread-safe: changes are made one at a time (a JVM-wide lock, never taken on a call's path).
 * Not for application code, which calls {@code Warden.reconfigure}.
 */
public final class Reconfigurer {

  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final Object LOCK = new Object();

  private Reconfigurer() {}

  /**
   * Sets {@code attribute} of the live guards named {@code name}, of every kind that has it, to
   * {@code value}, for {@code Warden.reconfigure}.
   *
   * @param registry the registry holding the guards
   * @param name the guard name
   * @param attribute the attribute, as in the annotation
   * @param value the new value, as an override writes it
   * @throws NullPointerException if {@code name}, {@code attribute} or {@code value} is {@code null}
   * @throws IllegalArgumentException if no guard is named {@code name}
   * @throws ConfigurationException if none of them has the attribute, or the value is invalid for
   *     one of them (then none changed)
   */
  public static void reconfigure(GuardRegistry registry, String name, String attribute, String value) {
    reconfigure(registry, name, attribute, value, ConfigChange.API, EnumSet.allOf(GuardKind.class));
  }

  /**
   * Sets {@code attribute} of the live guards named {@code name} of {@code kinds} to {@code value}.
   *
   * @param registry the registry holding the guards
   * @param name the guard name
   * @param attribute the attribute, as in the annotation
   * @param value the new value, as an override writes it
   * @param source who asks: {@link ConfigChange#API} or {@link ConfigChange#JMX}
   * @param kinds the kinds whose guards may change
   * @throws NullPointerException if {@code name}, {@code attribute} or {@code value} is {@code null}
   * @throws IllegalArgumentException if no guard of {@code kinds} is named {@code name}
   * @throws ConfigurationException if none of them has the attribute, or the value is invalid for
   *     one of them (then none changed)
   */
  public static void reconfigure(
      GuardRegistry registry, String name, String attribute, String value, String source, Set<GuardKind> kinds) {
    ConfigChange change = new ConfigChange(name, attribute, value, source);
    synchronized (LOCK) {
      List<Runnable> steps = new ArrayList<>();
      Set<GuardKind> present = EnumSet.noneOf(GuardKind.class);
      if (kinds.contains(GuardKind.THROTTLED)) {
        for (RateLimiter limiter : registry.liveLimiters(name)) {
          present.add(GuardKind.THROTTLED);
          if (change.appliesTo(GuardKind.THROTTLED)) {
            if (registry.isShared(limiter) && !attribute.equals("maxWaitMillis")) {
              throw change.sharedBucket(limiter.store());
            }
            var config = change.applyTo(limiter.config());
            steps.add(() -> limiter.reconfigure(config));
          }
        }
      }
      if (kinds.contains(GuardKind.BREAKER)) {
        for (CircuitBreaker breaker : registry.liveBreakers(name)) {
          present.add(GuardKind.BREAKER);
          if (change.appliesTo(GuardKind.BREAKER)) {
            var config = change.applyTo(breaker.config());
            steps.add(() -> breaker.reconfigure(config));
          }
        }
      }
      if (kinds.contains(GuardKind.BULKHEAD)) {
        for (ConcurrencyLimiter bulkhead : registry.liveBulkheads(name)) {
          present.add(GuardKind.BULKHEAD);
          if (change.appliesTo(GuardKind.BULKHEAD)) {
            var config = change.applyTo(bulkhead.config());
            steps.add(() -> bulkhead.reconfigure(config));
          }
        }
      }
      if (kinds.contains(GuardKind.TIMEOUT)) {
        for (TimeoutStats timeout : registry.liveTimeouts(name)) {
          present.add(GuardKind.TIMEOUT);
          if (change.appliesTo(GuardKind.TIMEOUT)) {
            var config = change.applyTo(timeout.config());
            steps.add(() -> timeout.reconfigure(config));
          }
        }
      }
      if (kinds.contains(GuardKind.RETRY)) {
        for (RetryStats retry : registry.liveRetries(name)) {
          present.add(GuardKind.RETRY);
          if (change.appliesTo(GuardKind.RETRY)) {
            var config = change.applyTo(retry.config());
            steps.add(() -> retry.reconfigure(config));
          }
        }
      }
      if (kinds.contains(GuardKind.COUNT_CALLS) && registry.findStats(name) != null) {
        present.add(GuardKind.COUNT_CALLS);
      }
      if (present.isEmpty()) {
        throw new IllegalArgumentException("No Warden guard named '" + name + "'"
            + (kinds.size() < GuardKind.values().length ? " of " + displays(kinds) : "")
            + " exists: a guard exists once its method has been called (Warden.names() lists them)");
      }
      if (steps.isEmpty()) {
        throw change.notApplicable(present);
      }
      steps.forEach(Runnable::run);
      log(change, present, steps.size());
    }
  }

  private static void log(ConfigChange change, Set<GuardKind> present, int guards) {
    try {
      List<String> changed = new ArrayList<>();
      present.stream().filter(change::appliesTo).forEach(kind -> changed.add(kind.display()));
      LOG.log(System.Logger.Level.INFO, "Warden guards reconfigured: {0} ({1}, {2} guard(s))",
          change, String.join(" and ", changed), guards);
    } catch (Throwable e) {
      // a failing logging backend must not undo or fail a change that was made
    }
  }

  private static String displays(Set<GuardKind> kinds) {
    List<String> displays = new ArrayList<>();
    kinds.forEach(kind -> displays.add(kind.display()));
    return String.join(" or ", displays);
  }
}
