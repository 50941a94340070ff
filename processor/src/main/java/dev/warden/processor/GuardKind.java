package dev.warden.processor;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.ThrottledException;
import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The three Warden annotations, with the configuration attributes a shared name must agree on. */
enum GuardKind {
  THROTTLED(Throttled.class, ThrottledException.class, List.of("callsPerSecond", "burst", "maxWaitMillis")),
  BREAKER(Breaker.class, CircuitOpenException.class,
      List.of("failureThreshold", "cooldownMillis", "halfOpenCalls", "failOn", "ignore")),
  COUNT_CALLS(CountCalls.class, null, List.of());

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

  /** Fully qualified name of the annotation type. */
  String annotationName() {
    return annotation.getCanonicalName();
  }

  /** {@code @Throttled}, for messages. */
  String display() {
    return "@" + annotation.getSimpleName();
  }

  /** Whether the annotation has a {@code fallback} attribute. */
  boolean hasFallback() {
    return rejection != null;
  }

  /** Simple name of the exception a rejection of this guard throws. */
  String rejectionName() {
    return rejection.getSimpleName();
  }

  /**
   * Canonical names of the types a trailing fallback parameter may have to receive the rejection:
   * the rejection's class and its superclasses up to {@code Throwable}.
   */
  Set<String> rejectionReceivers() {
    Set<String> names = new LinkedHashSet<>();
    for (Class<?> c = rejection; c != null && Throwable.class.isAssignableFrom(c); c = c.getSuperclass()) {
      names.add(c.getCanonicalName());
    }
    return names;
  }

  /** Attributes that make up the shared guard's configuration. */
  List<String> configAttributes() {
    return configAttributes;
  }
}
