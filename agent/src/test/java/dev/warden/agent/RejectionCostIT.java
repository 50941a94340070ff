package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rejection of a woven method without parameters, answered by a fallback without a {@code
 * Throwable} parameter, allocates nothing: the woven code passes no argument array, the fallback
 * handle spreads none.
 */
class RejectionCostIT {

  @Test
  void aWovenRejectionWithAFallbackAllocatesNothing() {
    Jvm.Result run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.cost.Main");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("bytes per rejection: 0"), run.out().lines().toList(), run::toString);
  }
}
