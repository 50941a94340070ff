package dev.warden.runtime.internal;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.RateLimiter;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Registers each guard as an MXBean {@code dev.warden:type=<Throttled|Breaker|CountCalls>,name=<quoted
 * name>} on the platform MBean server. A failure to register is logged, never fatal.
 *
 * <p>Thread-safe (stateless). Not for application code: read the beans over JMX.
 */
public final class JmxExporter {

  JmxExporter() {}

  private static final System.Logger LOG = System.getLogger("dev.warden");

  RateLimiter export(RateLimiter limiter) {
    register("Throttled", limiter.name(), new ThrottledView(limiter));
    return limiter;
  }

  CircuitBreaker export(CircuitBreaker breaker) {
    register("Breaker", breaker.name(), new BreakerView(breaker));
    return breaker;
  }

  CallStats export(CallStats stats) {
    register("CountCalls", stats.name(), new CountCallsView(stats));
    return stats;
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

  /** JMX view of a {@code @Throttled} guard. Thread-safe. */
  public interface ThrottledMXBean {
    /** {@return the guard name} */
    String getName();

    /** {@return the refill rate, in calls per second} */
    double getCallsPerSecond();

    /** {@return the bucket capacity} */
    int getBurst();

    /** {@return the longest wait for a reserved permit, in milliseconds} */
    long getMaxWaitMillis();

    /** {@return the permits available now} */
    long getAvailablePermits();
  }

  /** JMX view of a {@code @Breaker} guard. Thread-safe. */
  public interface BreakerMXBean {
    /** {@return the guard name} */
    String getName();

    /** {@return the state: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}} */
    String getState();

    /** {@return the consecutive failures counted while closed} */
    int getConsecutiveFailures();

    /** {@return the consecutive failures that open the circuit} */
    int getFailureThreshold();

    /** {@return the time open before half-open, in milliseconds} */
    long getCooldownMillis();

    /** {@return the trial calls admitted at once while half-open} */
    int getHalfOpenCalls();
  }

  /** JMX view of a {@code @CountCalls} guard. Thread-safe. */
  public interface CountCallsMXBean {
    /** {@return the guard name} */
    String getName();

    /** {@return the calls entered} */
    long getCalls();

    /** {@return the calls that returned normally} */
    long getSuccesses();

    /** {@return the calls that threw} */
    long getFailures();

    /** {@return the calls rejected by a guard} */
    long getRejections();

    /** {@return the calls running now} */
    long getInFlight();

    /** {@return the most calls ever running at once} */
    long getPeakInFlight();
  }

  private static final class ThrottledView implements ThrottledMXBean {
    private final RateLimiter limiter;

    ThrottledView(RateLimiter limiter) {
      this.limiter = limiter;
    }

    @Override public String getName() { return limiter.name(); }
    @Override public double getCallsPerSecond() { return limiter.config().callsPerSecond(); }
    @Override public int getBurst() { return limiter.config().burst(); }
    @Override public long getMaxWaitMillis() { return limiter.config().maxWaitMillis(); }
    @Override public long getAvailablePermits() { return limiter.availablePermits(); }
  }

  private static final class BreakerView implements BreakerMXBean {
    private final CircuitBreaker breaker;

    BreakerView(CircuitBreaker breaker) {
      this.breaker = breaker;
    }

    @Override public String getName() { return breaker.name(); }
    @Override public String getState() { return breaker.state().name(); }
    @Override public int getConsecutiveFailures() { return breaker.consecutiveFailures(); }
    @Override public int getFailureThreshold() { return breaker.config().failureThreshold(); }
    @Override public long getCooldownMillis() { return breaker.config().cooldownMillis(); }
    @Override public int getHalfOpenCalls() { return breaker.config().halfOpenCalls(); }
  }

  private static final class CountCallsView implements CountCallsMXBean {
    private final CallStats stats;

    CountCallsView(CallStats stats) {
      this.stats = stats;
    }

    @Override public String getName() { return stats.name(); }
    @Override public long getCalls() { return stats.calls(); }
    @Override public long getSuccesses() { return stats.successes(); }
    @Override public long getFailures() { return stats.failures(); }
    @Override public long getRejections() { return stats.rejections(); }
    @Override public long getInFlight() { return stats.inFlight(); }
    @Override public long getPeakInFlight() { return stats.peakInFlight(); }
  }
}
