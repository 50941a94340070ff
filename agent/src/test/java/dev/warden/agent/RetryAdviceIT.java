package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Methods with {@code @Retry} woven by the agent, in a JVM with the agent and its runtime: a
 * failure {@code abortOn} names leaves the method at once, unchanged; a method without {@code
 * @Retry} is not repeated; a first-attempt success allocates nothing. With the runtime's retry
 * loop ({@link #holdsWithTheRuntimesRetryLoop}): a body
 * failing twice runs three times and returns; each attempt sees the arguments the call began with
 * although the body reassigned its parameters (int, long and reference); a retry refused by the
 * opened breaker ends the call with its fallback, without running the body again; the last
 * failure of the last attempt leaves unchanged; {@code void}, primitive, static and {@code
 * synchronized} methods retry. The advice itself, on every path, is covered without the runtime
 * by {@link RetryAdviceTest}.
 */
class RetryAdviceIT {

  private static Jvm.Result run;

  @BeforeAll
  static void runScenario() {
    run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.retrying.Main");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aborted-failure-leaves-unchanged", "no-repeat-without-retry", "first-attempt-success",
    "first-attempt-success-allocates-nothing"})
  void holds(String check) {
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().lines().anyMatch(("PASS " + check)::equals), run::toString);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fails-twice-then-succeeds", "repeat-sees-original-arguments", "refused-retry-ends-as-rejection",
    "exhausted-throws-last-failure", "void-retries", "primitive-retries", "static-retries", "synchronized-retries"})
  void holdsWithTheRuntimesRetryLoop(String check) {
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().lines().anyMatch(("PASS " + check)::equals), run::toString);
  }
}
