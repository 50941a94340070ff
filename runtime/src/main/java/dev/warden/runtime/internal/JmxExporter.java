package dev.warden.runtime.internal;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.TimeoutStats;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Registers each guard as an MBean {@code dev.warden:type=<Throttled|Breaker|CountCalls|Bulkhead|Timeout>,name=<quoted
 * name>} on the platform MBean server, with read-only attributes of open types (a {@link
 * GuardBean}). A failure to register is logged, never fatal.
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
        .add("AvailablePermits", "Permits available now", long.class, limiter::availablePermits));
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
    register("CountCalls", stats.name(), new GuardBean("@CountCalls guard " + stats.name())
        .add("Name", "Guard name", String.class, stats::name)
        .add("Calls", "Calls entered", long.class, stats::calls)
        .add("Successes", "Calls returned normally", long.class, stats::successes)
        .add("Failures", "Calls that threw", long.class, stats::failures)
        .add("Rejections", "Calls rejected by a guard", long.class, stats::rejections)
        .add("InFlight", "Calls running now", long.class, stats::inFlight)
        .add("PeakInFlight", "Most calls ever running at once", long.class, stats::peakInFlight));
    return stats;
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
