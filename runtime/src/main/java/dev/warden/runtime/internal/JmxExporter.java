package dev.warden.runtime.internal;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.LatencySnapshot;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.rules.ConfigChange;
import dev.warden.runtime.rules.GuardKind;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Registers each guard as an MBean {@code
 * dev.warden:type=<Throttled|Breaker|CountCalls|Bulkhead|Timeout|Retry>,name=<quoted name>} on the
 * platform MBean server, with attributes of open types (a {@link GuardBean}). A failure to
 * register is logged, never fatal. The numbers a guard can {@linkplain Reconfigurer change at run
 * time} are writable if the system property {@value GuardBean#WRITABLE} is {@code true} when the
 * guard is created: a write changes the live guards of the bean's kind and name, as {@code
 * Warden.reconfigure} does, with the same checks and messages.
 *
 * <p>Thread-safe: {@linkplain #attach attached} to its registry once, before it exports anything.
 * Not for application code: read the beans over JMX.
 */
public final class JmxExporter {

  JmxExporter() {}

  private static final System.Logger LOG = System.getLogger("dev.warden");

  /** The registry whose guards a write changes; set once, by the registry's constructor. */
  private volatile GuardRegistry registry;

  /** Binds this exporter to the registry it exports for; called once, before any export. */
  void attach(GuardRegistry registry) {
    this.registry = registry;
  }

  /** What a write of {@code attribute} of the {@code kind} guard {@code name} does. */
  private Consumer<String> writer(GuardKind kind, String name, String attribute) {
    return value -> Reconfigurer.reconfigure(registry, name, attribute, value, ConfigChange.JMX, EnumSet.of(kind));
  }

  private static GuardBean bean(GuardKind kind, String name) {
    return new GuardBean(kind.display() + " guard " + name, Boolean.getBoolean(GuardBean.WRITABLE));
  }

  RateLimiter export(RateLimiter limiter) {
    GuardKind kind = GuardKind.THROTTLED;
    String name = limiter.name();
    boolean local = limiter.store().equals("local"); // a shared bucket's rate and burst are the store's
    register("Throttled", name, bean(kind, name)
        .add("Name", "Guard name", String.class, limiter::name)
        .addNumber("CallsPerSecond", "Refill rate", double.class, () -> limiter.config().callsPerSecond(),
            local ? writer(kind, name, "callsPerSecond") : null)
        .addNumber("Burst", "Bucket capacity", int.class, () -> limiter.config().burst(),
            local ? writer(kind, name, "burst") : null)
        .addNumber("MaxWaitMillis", "Longest wait for a reserved permit", long.class,
            () -> limiter.config().maxWaitMillis(), writer(kind, name, "maxWaitMillis"))
        .add("AvailablePermits", "Permits available now", long.class, limiter::availablePermits)
        .add("Store", "Where the bucket is: local, or the shared store", String.class, limiter::store));
    return limiter;
  }

  CircuitBreaker export(CircuitBreaker breaker) {
    GuardKind kind = GuardKind.BREAKER;
    String name = breaker.name();
    register("Breaker", name, bean(kind, name)
        .add("Name", "Guard name", String.class, breaker::name)
        .add("State", "CLOSED, OPEN or HALF_OPEN", String.class, () -> breaker.state().name())
        .add("ConsecutiveFailures", "Consecutive failures counted while closed", int.class,
            breaker::consecutiveFailures)
        .addNumber("FailureThreshold", "Failures that open the circuit", int.class,
            () -> breaker.config().failureThreshold(), writer(kind, name, "failureThreshold"))
        .addNumber("CooldownMillis", "Time open before half-open", long.class, () -> breaker.config().cooldownMillis(),
            writer(kind, name, "cooldownMillis"))
        .addNumber("HalfOpenCalls", "Trial calls while half-open", int.class, () -> breaker.config().halfOpenCalls(),
            writer(kind, name, "halfOpenCalls")));
    return breaker;
  }

  CallStats export(CallStats stats) {
    GuardBean bean = bean(GuardKind.COUNT_CALLS, stats.name())
        .add("Name", "Guard name", String.class, stats::name)
        .add("Calls", "Calls entered", long.class, stats::calls)
        .add("Successes", "Calls returned normally", long.class, stats::successes)
        .add("Failures", "Calls that threw", long.class, stats::failures)
        .add("Rejections", "Calls rejected by a guard", long.class, stats::rejections)
        .add("InFlight", "Calls running now", long.class, stats::inFlight)
        .add("PeakInFlight", "Most calls ever running at once", long.class, stats::peakInFlight);
    if (stats.measuresLatency()) {
      addLatency(bean, "", "", () -> stats.latency().orElseThrow());
      addLatency(bean, "Recent", " in the last minute", () -> stats.latency().orElseThrow().recent());
    }
    register("CountCalls", stats.name(), bean);
    return stats;
  }

  /** The latency attributes of one window, each read from a fresh snapshot. */
  private static void addLatency(GuardBean bean, String prefix, String window, Supplier<LatencySnapshot> latency) {
    bean.add(prefix + (prefix.isEmpty() ? "LatencyCount" : "Count"), "Calls measured" + window, long.class,
            () -> latency.get().count())
        .add(prefix + "P50Nanos", "Median duration" + window + " (ns, within 1%)", long.class,
            () -> latency.get().p50Nanos())
        .add(prefix + "P99Nanos", "99th percentile of durations" + window + " (ns, within 1%)", long.class,
            () -> latency.get().p99Nanos())
        .add(prefix + "P999Nanos", "99.9th percentile of durations" + window + " (ns, within 1%)", long.class,
            () -> latency.get().p999Nanos())
        .add(prefix + "MaxNanos", "Longest duration" + window + " (ns)", long.class, () -> latency.get().maxNanos());
  }

  ConcurrencyLimiter export(ConcurrencyLimiter bulkhead) {
    GuardKind kind = GuardKind.BULKHEAD;
    String name = bulkhead.name();
    register("Bulkhead", name, bean(kind, name)
        .add("Name", "Guard name", String.class, bulkhead::name)
        .addNumber("MaxConcurrent", "Calls that may run at once", int.class, bulkhead::maxConcurrent,
            writer(kind, name, "maxConcurrent"))
        .addNumber("MaxWaitMillis", "Longest wait for a free slot", long.class, () -> bulkhead.config().maxWaitMillis(),
            writer(kind, name, "maxWaitMillis"))
        .add("Available", "Free slots now", int.class, bulkhead::available)
        .add("Waiting", "Calls waiting for a slot now", int.class, bulkhead::waiting)
        .add("Rejections", "Calls rejected for want of a slot", long.class, bulkhead::rejections));
    return bulkhead;
  }

  TimeoutStats export(TimeoutStats timeout) {
    GuardKind kind = GuardKind.TIMEOUT;
    String name = timeout.name();
    register("Timeout", name, bean(kind, name)
        .add("Name", "Guard name", String.class, timeout::name)
        .addNumber("Millis", "Time limit of one call", long.class, () -> timeout.config().millis(),
            writer(kind, name, "millis"))
        .add("Interrupt", "Whether an overrunning call is interrupted", boolean.class,
            () -> timeout.config().interrupt())
        .add("Timeouts", "Calls that ran over the limit", long.class, timeout::timeouts));
    return timeout;
  }

  RetryStats export(RetryStats retry) {
    GuardKind kind = GuardKind.RETRY;
    String name = retry.name();
    register("Retry", name, bean(kind, name)
        .add("Name", "Guard name", String.class, retry::name)
        .addNumber("MaxAttempts", "Attempts of one call in total, the first included", int.class,
            () -> retry.config().maxAttempts(), writer(kind, name, "maxAttempts"))
        .addNumber("DelayMillis", "Delay before the second attempt", long.class, () -> retry.config().delayMillis(),
            writer(kind, name, "delayMillis"))
        .addNumber("Multiplier", "Factor from one delay to the next", double.class, () -> retry.config().multiplier(),
            writer(kind, name, "multiplier"))
        .addNumber("MaxDelayMillis", "Cap of one delay", long.class, () -> retry.config().maxDelayMillis(),
            writer(kind, name, "maxDelayMillis"))
        .addNumber("Jitter", "Relative randomness of a delay", double.class, () -> retry.config().jitter(),
            writer(kind, name, "jitter"))
        .add("RetryOn", "Throwable types that are retried", String[].class, () -> classNames(retry.config().retryOn()))
        .add("AbortOn", "Throwable types that are never retried", String[].class,
            () -> classNames(retry.config().abortOn()))
        .add("Retries", "Attempts after the first that were started", long.class, retry::retries)
        .add("SuccessesAfterRetry", "Calls that succeeded at an attempt after the first", long.class,
            retry::successesAfterRetry)
        .add("Exhausted", "Calls that failed with every attempt used", long.class, retry::exhausted));
    return retry;
  }

  private static String[] classNames(List<Class<? extends Throwable>> types) {
    String[] names = new String[types.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = types.get(i).getName();
    }
    return names;
  }

  /** The object name of a guard of {@code type} named {@code name}. */
  static ObjectName objectName(String type, String name) throws JMException {
    return new ObjectName("dev.warden:type=" + type + ",name=" + ObjectName.quote(name));
  }

  private static void register(String type, String name, Object view) {
    try {
      ObjectName objectName = objectName(type, name);
      var server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(objectName)) {
        server.unregisterMBean(objectName);
      }
      server.registerMBean(view, objectName);
    } catch (JMException | RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot register JMX bean of " + type + " guard '" + name + "'", e);
    }
  }
}
