package dev.warden.runtime.rules;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Throttled;

/** Loaded a second time, with its own copy of the annotations, by {@link CopiedAnnotationsTest}. */
class CopiedAnnotationFixture {

  @Throttled(callsPerSecond = 7.5, burst = 3)
  @Breaker(failureThreshold = 4, failOn = IllegalStateException.class)
  void call() {}
}
