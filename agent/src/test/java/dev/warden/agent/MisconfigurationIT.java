package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invalid configuration found at weave time: logged once by the agent, and every call fails with
 * it. A class that cannot be woven is logged and left unchanged.
 */
class MisconfigurationIT {

  private static final String BAD_RATE = "Invalid @Throttled(callsPerSecond=0.0) on example.app.Misconfigured#badRate:"
      + " callsPerSecond must be finite and > 0, got 0.0";
  private static final String MISSING_FALLBACK = "Invalid @Breaker(fallback=\"missing\") on"
      + " example.app.Misconfigured#missingFallback: no method missing(int)"
      + " (optionally with a trailing parameter that accepts CircuitOpenException) in example.app.Misconfigured";

  @Test
  void reportsAtWeaveTimeAndFailsEveryCallWithTheSameMessage() {
    Jvm.Result run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.app.Main", "misconfigured");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("CALL FAILED: " + BAD_RATE, "CALL FAILED: " + BAD_RATE, "CALL FAILED: " + MISSING_FALLBACK),
        run.out().lines().toList(), run::toString);
    // Logged once: by the agent, not again by the runtime when the first call creates the site.
    assertEquals(List.of(
            "[warden-agent] ERROR " + BAD_RATE + " (every call of example.app.Misconfigured#badRate will fail with this error)",
            "[warden-agent] ERROR " + MISSING_FALLBACK
                + " (every call of example.app.Misconfigured#missingFallback will fail with this error)"),
        run.err().lines().toList(), run::toString);
  }

  @Test
  void logsAWeavingErrorWithClassAndMethodAndLeavesTheClassUnchanged(@TempDir Path dir) throws IOException {
    // A method body just under the 64 KiB limit: the inlined advice makes it too large.
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 10_915; i++) {
      body.append("    x ^= ").append(1000 + i % 20_000).append(";\n");
    }
    Path source = dir.resolve("src/example/big/Big.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package example.big;\n"
        + "public class Big {\n"
        + "  @dev.warden.annotations.CountCalls\n"
        + "  public static int huge(int x) {\n" + body + "    return x;\n  }\n"
        + "  public static void main(String[] args) {\n"
        + "    System.out.println(huge(1) + \" \" + dev.warden.runtime.Warden.callStats(\"example.big.Big#huge\").isPresent());\n"
        + "  }\n"
        + "}\n");
    Path classes = dir.resolve("classes");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        "-cp", Jvm.classPath(Jvm.annotationClasses(), Jvm.runtimeClasses()), source.toString()), "javac");
    Jvm.Result run = Jvm.withAgent(null, classes.toString(), "example.big.Big");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("11914 false"), run.out().lines().toList(), run::toString);
    assertEquals(List.of("[warden-agent] ERROR cannot weave example.big.Big (methods huge); the class is left unchanged: "
            + "dev.warden.agent.shaded.net.bytebuddy.jar.asm.MethodTooLargeException: Method too large: example/big/Big.huge (I)I"),
        run.err().lines().toList(), run::toString);
  }
}
