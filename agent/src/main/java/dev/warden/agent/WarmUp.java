package dev.warden.agent;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;

/**
 * Input of the weaver's warm-up at start-up: its class file is woven once with every kind of
 * guard and the result discarded. Never loaded as a class.
 */
final class WarmUp {

  private WarmUp() {}

  @CountCalls
  @Breaker(fallback = "fallback")
  @Throttled(callsPerSecond = 1, fallback = "fallback")
  static String guarded(String text) {
    return text;
  }

  static String fallback(String text, Throwable rejection) {
    return text + rejection;
  }
}
