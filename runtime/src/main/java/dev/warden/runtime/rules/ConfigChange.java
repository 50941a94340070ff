package dev.warden.runtime.rules;

import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.TimeoutConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One change of a guard's number at run time ({@code Warden.reconfigure}, a JMX write): the value
 * is parsed and checked exactly as an override of the key {@code warden.<name>.<attribute>} would
 * be, by the same code, and a rejected value is the same {@link ConfigurationException} with the
 * source named ({@value #API} or {@value #JMX}) in place of the override's.
 *
 * <p>Only the numbers of a guard can change: the class lists ({@code failOn}, {@code ignore},
 * {@code retryOn}, {@code abortOn}), {@code interrupt}, {@code latency} and a limiter's store are
 * fixed where they are declared.
 *
 * <p>Immutable; thread-safe. Not for application code.
 */
public final class ConfigChange {

  /** The source messages name for a change made through {@code Warden.reconfigure}. */
  public static final String API = "Warden.reconfigure";
  /** The source messages name for a change made by writing a JMX attribute. */
  public static final String JMX = "JMX";

  private final String guardName;
  private final String attribute;
  private final GuardDeclaration.Override source;

  /**
   * A change of {@code attribute} of the guards named {@code guardName} to {@code value}.
   *
   * @param guardName the guard name
   * @param attribute the attribute, as in the annotation, e.g. {@code maxConcurrent}
   * @param value the new value as text, as an override would write it
   * @param source who asks: {@link #API} or {@link #JMX}
   * @throws NullPointerException naming the argument that is {@code null}
   */
  public ConfigChange(String guardName, String attribute, String value, String source) {
    this.guardName = Objects.requireNonNull(guardName, "the guard name is null");
    this.attribute = Objects.requireNonNull(attribute, "the attribute is null");
    Objects.requireNonNull(value, () -> "the value of " + attribute + " is null");
    this.source = new GuardDeclaration.Override(Overrides.KEY_PREFIX + guardName + "." + attribute, value,
        Objects.requireNonNull(source, "source"));
  }

  /**
   * The attributes of {@code kind} that can change at run time: its numbers.
   *
   * @param kind a guard kind
   * @return the names of its numeric attributes, in the annotation's order; empty for {@code @CountCalls}
   */
  public static List<String> attributes(GuardKind kind) {
    List<String> numbers = new ArrayList<>();
    for (String attribute : kind.configAttributes()) {
      Class<?> type = kind.attributeType(attribute);
      if (type == int.class || type == long.class || type == double.class) {
        numbers.add(attribute);
      }
    }
    return numbers;
  }

  /** {@return the attributes that can change at run time of any kind, sorted} */
  static List<String> attributesOfAnyKind() {
    TreeSet<String> all = new TreeSet<>();
    for (GuardKind kind : GuardKind.values()) {
      all.addAll(attributes(kind));
    }
    return List.copyOf(all);
  }

  /** {@return the attribute it changes} */
  public String attribute() {
    return attribute;
  }

  /**
   * Whether guards of {@code kind} have the attribute and it can change.
   *
   * @param kind a guard kind
   * @return {@code true} if it is one of {@link #attributes(GuardKind) kind's numbers}
   */
  public boolean appliesTo(GuardKind kind) {
    return attributes(kind).contains(attribute);
  }

  /**
   * {@code current} with the change applied.
   *
   * @param current a limiter's configuration in force
   * @return the new configuration
   * @throws ConfigurationException if the value does not parse or the configuration rejects it
   */
  public RateLimiterConfig applyTo(RateLimiterConfig current) {
    return Values.rateLimiter(changed(GuardKind.THROTTLED, Map.of("callsPerSecond", current.callsPerSecond(),
        "burst", current.burst(), "maxWaitMillis", current.maxWaitMillis())));
  }

  /**
   * {@code current} with the change applied.
   *
   * @param current a bulkhead's configuration in force
   * @return the new configuration
   * @throws ConfigurationException if the value does not parse or the configuration rejects it
   */
  public ConcurrencyLimiterConfig applyTo(ConcurrencyLimiterConfig current) {
    return Values.concurrencyLimiter(changed(GuardKind.BULKHEAD,
        Map.of("maxConcurrent", current.maxConcurrent(), "maxWaitMillis", current.maxWaitMillis())));
  }

  /**
   * {@code current} with the change applied.
   *
   * @param current a breaker's configuration in force
   * @return the new configuration, with the same {@code failOn} and {@code ignore}
   * @throws ConfigurationException if the value does not parse or the configuration rejects it
   */
  public CircuitBreakerConfig applyTo(CircuitBreakerConfig current) {
    return Values.circuitBreaker(changed(GuardKind.BREAKER, Map.of("failureThreshold", current.failureThreshold(),
            "cooldownMillis", current.cooldownMillis(), "halfOpenCalls", current.halfOpenCalls())),
        current.failOn(), current.ignore());
  }

  /**
   * {@code current} with the change applied.
   *
   * @param current a timeout guard's configuration in force
   * @return the new configuration, with the same {@code interrupt}
   * @throws ConfigurationException if the value does not parse or the configuration rejects it
   */
  public TimeoutConfig applyTo(TimeoutConfig current) {
    return Values.timeout(changed(GuardKind.TIMEOUT,
        Map.of("millis", current.millis(), "interrupt", current.interrupt())));
  }

  /**
   * {@code current} with the change applied.
   *
   * @param current a retry guard's configuration in force
   * @return the new configuration, with the same {@code retryOn} and {@code abortOn}
   * @throws ConfigurationException if the value does not parse or the configuration rejects it
   */
  public RetryConfig applyTo(RetryConfig current) {
    return Values.retry(changed(GuardKind.RETRY, Map.of("maxAttempts", current.maxAttempts(),
            "delayMillis", current.delayMillis(), "multiplier", current.multiplier(),
            "maxDelayMillis", current.maxDelayMillis(), "jitter", current.jitter())),
        current.retryOn(), current.abortOn());
  }

  /**
   * The error for a change no guard under the name can take.
   *
   * @param kinds the kinds of the guards named so (those the change was asked for)
   * @return the exception naming the attribute, the value and what the guards do take
   */
  public ConfigurationException notApplicable(Collection<GuardKind> kinds) {
    return Messages.notReconfigurable(attribute, source, guardName, kinds);
  }

  /**
   * The error for a change of the rate or burst of a limiter whose bucket is in a shared store.
   *
   * @param store the store, as it describes itself
   * @return the exception naming the attribute, the value and the store
   */
  public ConfigurationException sharedBucket(String store) {
    return Messages.sharedBucketFixed(attribute, source, guardName, store);
  }

  /** The values in force as a declaration, with the change applied as an override. */
  private GuardDeclaration changed(GuardKind kind, Map<String, Object> current) {
    GuardDeclaration inForce = new GuardDeclaration(kind, "the live guard '" + guardName + "'", current);
    return inForce.with(attribute, Overrides.parse(attribute, kind.attributeType(attribute), source), source);
  }

  @Override
  public String toString() {
    return source.key() + "=" + source.text() + " (" + source.source() + ")";
  }
}
