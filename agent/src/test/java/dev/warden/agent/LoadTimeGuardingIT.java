package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every guard behaviour, on instance, static, private and final methods, in one JVM started
 * with the packaged agent on fixtures compiled without the processor ({@code example.app.Main
 * behaviour} prints one PASS/FAIL line per check).
 */
class LoadTimeGuardingIT {

  private static Jvm.Result run;

  @BeforeAll
  static void runBehaviourScenario() {
    run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.app.Main", "behaviour");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "throttled-instance", "throttled-static", "throttled-private", "throttled-final",
    "breaker-instance", "breaker-static", "breaker-private", "breaker-final",
    "throttle-wait", "throttle-no-wait-beyond-max", "fallback", "fallback-with-throwable",
    "async", "shared-name", "all-three", "class-level",
  })
  void behaves(String check) {
    assertTrue(run.out().lines().anyMatch(("PASS " + check)::equals), run::toString);
  }

  @Test
  void exitsCleanlyWithoutErrors() {
    assertEquals(0, run.exitCode(), run::toString);
    assertFalse(run.out().contains("FAIL"), run::toString);
    assertFalse(run.err().contains("[warden-agent] ERROR"), run::toString);
    assertFalse(run.err().contains("ClassCircularityError"), run::toString);
  }

  @Test
  void allocatesNothingOnTheWovenSuccessPath() {
    Jvm.Result allocation = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.app.Main", "allocation");
    assertEquals(0, allocation.exitCode(), allocation::toString);
    assertEquals("PASS no-allocation-on-success", allocation.out().strip(), allocation::toString);
  }

  @Test
  void runsOnJdk25WithoutWarnings() {
    assumeTrue(Files.isExecutable(Jvm.JDK_25.resolve("bin/java")), "no JDK 25 at " + Jvm.JDK_25);
    Jvm.Result jdk25 = Jvm.run(Jvm.JDK_25, Jvm.agentFlag(null), Jvm.fixtures().toString(), "example.app.Main", "behaviour");
    assertEquals(0, jdk25.exitCode(), jdk25::toString);
    assertEquals(16, jdk25.out().lines().filter(line -> line.startsWith("PASS ")).count(), jdk25::toString);
    // A breaker of the fixtures opens, which Warden logs at WARNING; any other warning is the JVM's.
    String jvm = jdk25.err().lines().filter(line -> !line.startsWith("WARNING: Circuit breaker '"))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertFalse(jvm.contains("WARNING"), jdk25::toString);
    assertFalse(jvm.toLowerCase(java.util.Locale.ROOT).contains("warning:"), jdk25::toString);
  }
}
