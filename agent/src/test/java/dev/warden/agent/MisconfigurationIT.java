package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid configuration found at weave time: logged once by the agent, and every call fails with it. */
class MisconfigurationIT {

  private static final String BAD_RATE = "Invalid @Throttled(callsPerSecond=0.0) on example.app.Misconfigured#badRate:"
      + " callsPerSecond must be finite and > 0, got 0.0";
  private static final String MISSING_FALLBACK = "Invalid @Breaker(fallback)=\"missing\" on"
      + " example.app.Misconfigured#missingFallback: no method missing(int)"
      + " (optionally with a trailing Throwable parameter) in example.app.Misconfigured";

  @Test
  void reportsAtWeaveTimeAndFailsEveryCallWithTheSameMessage() {
    Jvm.Result run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.app.Main", "misconfigured");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("CALL FAILED: " + BAD_RATE, "CALL FAILED: " + BAD_RATE, "CALL FAILED: " + MISSING_FALLBACK),
        run.out().lines().toList(), run::toString);
    List<String> agentErrors = run.err().lines().filter(line -> line.startsWith("[warden-agent] ERROR")).toList();
    assertEquals(List.of(
            "[warden-agent] ERROR " + BAD_RATE + " (every call of example.app.Misconfigured#badRate will fail with this error)",
            "[warden-agent] ERROR " + MISSING_FALLBACK
                + " (every call of example.app.Misconfigured#missingFallback will fail with this error)"),
        agentErrors, run::toString);
  }
}
