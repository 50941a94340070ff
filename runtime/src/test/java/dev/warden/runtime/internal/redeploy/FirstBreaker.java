package dev.warden.runtime.internal.redeploy;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import java.util.List;

/**
 * A deployed class whose static initialiser is the first use of {@link CircuitBreaker}, as a
 * processor-generated wrapper's is; {@code RedeployTest} loads it against a fresh copy of the runtime.
 */
public class FirstBreaker {

  static final CircuitBreaker BREAKER =
      CircuitBreaker.create("first", new CircuitBreakerConfig(1, 1_000, 1, List.of(Throwable.class), List.of()));

  private FirstBreaker() {}
}
