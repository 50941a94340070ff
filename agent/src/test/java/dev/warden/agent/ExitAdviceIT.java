package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The site may end a call by throwing from {@code onReturn}, {@code onSuccess} or {@code
 * onFailure} (a {@code CallTimeoutException} of a body that ended after its deadline with {@code
 * interrupt = false}). In a JVM with the agent, that exception leaves the woven method, and the call
 * has exactly one outcome: {@code onFailure} is not run a second time for the exception the exit
 * advice threw (one failure in {@code @CountCalls}, one consecutive failure in a breaker of
 * threshold 2), for a value, a {@code void}, a thrown and a static method's call.
 */
class ExitAdviceIT {

  private static Jvm.Result run;

  @BeforeAll
  static void runScenario() {
    run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.late.Main");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"value-returned-after-deadline", "void-returned-after-deadline", "thrown-after-deadline",
    "static-returned-after-deadline", "static-body-finally-once"})
  void holds(String check) {
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().lines().anyMatch(("PASS " + check)::equals), run::toString);
  }
}
