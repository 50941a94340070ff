package dev.warden.runtime.internal;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.LatencySnapshot;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.TimeoutStats;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Registers each guard as an MBean {@code
 * dev.warden:type=<Throttled|Breaker|CountCalls|Bulkhead|Timeout|Retry>,name=<quoted name>} on the
 * platform MBean server, with read-only attributes of open types (a {@link GuardBean}). A failure
 * to register is logged, never fatal.
 *
 * <p>Thread-safe (stateless). Not for application code: read the beans over JMX.
 */
public final class JmxExporter {

  JmxExporter() {}

  private static final System.Logger LOG = System.getLogger("dev.warden");

  RateLimiter export(RateLimiter limiter) {
    register("Throttled", limiter.name(), new GuardBean("@Throttled guard " + limiter.name())
        .add("Name", "Guard name", String.class, limiter::name)
        .add("CallsPerSecond", "Refill rate", double.class, () -> limiter.config().callsPerSecond())
        .add("Burst", "Bucket capacity", int.class, () -> limiter.config().burst())
        .add("MaxWaitMillis", "Longest wait for a reserved permit", long.class, () -> limiter.config().maxWaitMillis())
        .add("AvailablePermits", "Permits available now", long.class, limiter::availablePermits)
        .add("Store", "Where the bucket is: local, or the shared store", String.class, limiter::store));
    return limiter;
  }

  CircuitBreaker export(CircuitBreaker breaker) {
    register("Breaker", breaker.name(), new GuardBean("@Breaker guard " + breaker.name())
        .add("Name", "Guard name", String.class, breaker::name)
        .add("State", "CLOSED, OPEN or HALF_OPEN", String.class, () -> breaker.state().name())
        .add("ConsecutiveFailures", "Consecutive failures counted while closed", int.class,
            breaker::consecutiveFailures)
        .add("FailureThreshold", "Failures that open the circuit", int.class,
            () -> breaker.config().failureThreshold())
        .add("CooldownMillis", "Time open before half-open", long.class, () -> breaker.config().cooldownMillis())
        .add("HalfOpenCalls", "Trial calls while half-open", int.class, () -> breaker.config().halfOpenCalls()));
    return breaker;
  }

  CallStats export(CallStats stats) {
    GuardBean bean = new GuardBean("@CountCalls guard " + stats.name())
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
    register("Bulkhead", bulkhead.name(), new GuardBean("@Bulkhead guard " + bulkhead.name())
        .add("Name", "Guard name", String.class, bulkhead::name)
        .add("MaxConcurrent", "Calls that may run at once", int.class, bulkhead::maxConcurrent)
        .add("MaxWaitMillis", "Longest wait for a free slot", long.class, () -> bulkhead.config().maxWaitMillis())
        .add("Available", "Free slots now", int.class, bulkhead::available)
        .add("Waiting", "Calls waiting for a slot now", int.class, bulkhead::waiting)
        .add("Rejections", "Calls rejected for want of a slot", long.class, bulkhead::rejections));
    return bulkhead;
  }

  TimeoutStats export(TimeoutStats timeout) {
    register("Timeout", timeout.name(), new GuardBean("@Timeout guard " + timeout.name())
        .add("Name", "Guard name", String.class, timeout::name)
        .add("Millis", "Time limit of one call", long.class, () -> timeout.config().millis())
        .add("Interrupt", "Whether an overrunning call is interrupted", boolean.class,
            () -> timeout.config().interrupt())
        .add("Timeouts", "Calls that ran over the limit", long.class, timeout::timeouts));
    return timeout;
  }

  RetryStats export(RetryStats retry) {
    register("Retry", retry.name(), new GuardBean("@Retry guard " + retry.name())
        .add("Name", "Guard name", String.class, retry::name)
        .add("MaxAttempts", "Attempts of one call in total, the first included", int.class,
            () -> retry.config().maxAttempts())
        .add("DelayMillis", "Delay before the second attempt", long.class, () -> retry.config().delayMillis())
        .add("Multiplier", "Factor from one delay to the next", double.class, () -> retry.config().multiplier())
        .add("MaxDelayMillis", "Cap of one delay", long.class, () -> retry.config().maxDelayMillis())
        .add("Jitter", "Relative randomness of a delay", double.class, () -> retry.config().jitter())
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
