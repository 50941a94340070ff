package dev.warden.runtime.rules;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.TimeoutConfig;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Warden annotations, in the order their guards nest (outermost last): with the exception a
 * rejection throws and the attributes that make up a shared guard's configuration.
 *
 * <p>Immutable; thread-safe. Not for application code.
 */
public enum GuardKind {
  /** {@code @Timeout}: a time limit on the method body. */
  TIMEOUT(Timeout.class, null, TimeoutConfig.ATTRIBUTES),
  /** {@code @Bulkhead}: a concurrency limit. */
  BULKHEAD(Bulkhead.class, BulkheadFullException.class, ConcurrencyLimiterConfig.ATTRIBUTES),
  /** {@code @Throttled}: a token bucket. */
  THROTTLED(Throttled.class, ThrottledException.class, RateLimiterConfig.ATTRIBUTES),
  /** {@code @Breaker}: a circuit breaker. */
  BREAKER(Breaker.class, CircuitOpenException.class, CircuitBreakerConfig.ATTRIBUTES),
  /** {@code @Retry}: runs a failed call again, with backoff. */
  RETRY(Retry.class, null, RetryConfig.ATTRIBUTES),
  /** {@code @CountCalls}: call statistics, with or without latency. */
  COUNT_CALLS(CountCalls.class, null, List.of("latency"));

  private static final List<String> THROTTLED_KEYS = Stream.concat(
      RateLimiterConfig.ATTRIBUTES.stream(), Stream.of(Overrides.STORE, Overrides.ON_STORE_FAILURE)).toList();

  private final Class<? extends Annotation> annotation;
  private final Class<? extends GuardRejectedException> rejection;
  private final List<String> configAttributes;

  GuardKind(
      Class<? extends Annotation> annotation,
      Class<? extends GuardRejectedException> rejection,
      List<String> configAttributes) {
    this.annotation = annotation;
    this.rejection = rejection;
    this.configAttributes = configAttributes;
  }

  /** {@return the annotation type} */
  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  /** {@return the fully qualified name of the annotation type} */
  public String annotationName() {
    return annotation.getName();
  }

  /** {@return the annotation as messages write it, e.g. {@code @Throttled}} */
  public String display() {
    return "@" + annotation.getSimpleName();
  }

  /** {@return whether the annotation has a {@code fallback} attribute} */
  public boolean hasFallback() {
    return rejection != null;
  }

  /** {@return the exception a rejection by this guard throws; {@code null} for kinds that never reject ({@link #TIMEOUT}, {@link #RETRY}, {@link #COUNT_CALLS})} */
  public Class<? extends GuardRejectedException> rejection() {
    return rejection;
  }

  /** {@return the attributes that make up the guard's configuration (and may be overridden)} */
  public List<String> configAttributes() {
    return configAttributes;
  }

  /**
   * {@return the keys an override may set under the guard's name: its {@linkplain
   * #configAttributes() configuration attributes} and, for {@code @Throttled}, its shared store
   * ({@value Overrides#STORE}, {@value Overrides#ON_STORE_FAILURE})}
   */
  public List<String> overrideKeys() {
    return this == THROTTLED ? THROTTLED_KEYS : configAttributes;
  }

  /** The type of {@code attribute}'s value in the annotation, e.g. {@code int.class}. */
  Class<?> attributeType(String attribute) {
    try {
      return annotation.getMethod(attribute).getReturnType();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(display() + " has no attribute " + attribute, e);
    }
  }

  /**
   * The kind whose annotation type is named {@code annotationName}.
   *
   * @param annotationName a fully qualified annotation type name
   * @return the kind, or {@code null} if it is not a Warden annotation
   */
  public static GuardKind of(String annotationName) {
    for (GuardKind kind : values()) {
      if (kind.annotationName().equals(annotationName)) {
        return kind;
      }
    }
    return null;
  }
}
