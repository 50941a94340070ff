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
 * Defect 9: a {@code warden.properties} that {@code Properties.load} rejects is reported at weave
 * time naming the file, and every call fails with the same {@code ConfigurationException} (it was
 * an IllegalArgumentException escaping site creation: a BootstrapMethodError on the woven call).
 */
class OverridesFileIT {

  @Test
  void aMalformedOverridesFileIsReportedAtWeaveTimeAndFailsEveryCall(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("src/example/malformed/Quotes.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "package example.malformed;",
        "public class Quotes {",
        "  @dev.warden.annotations.Throttled(callsPerSecond = 1)",
        "  public int quote() { return 1; }",
        "  public static void main(String[] args) {",
        "    for (int i = 0; i < 2; i++) {",
        "      try { new Quotes().quote(); } catch (dev.warden.runtime.ConfigurationException e) {",
        "        System.out.println(\"CALL FAILED: \" + e.getMessage());",
        "      }",
        "    }",
        "  }",
        "}",
        ""));
    Path classes = dir.resolve("classes");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-d", classes.toString(),
        "-cp", Jvm.classPath(Jvm.annotationClasses(), Jvm.runtimeClasses()), source.toString()), "javac");
    Path properties = classes.resolve("warden.properties");
    Files.writeString(properties, "warden.example.malformed.Quotes#quote.burst=\\u12\n");

    Jvm.Result run = Jvm.withAgent(null, classes.toString(), "example.malformed.Quotes");

    String message = "Invalid Warden overrides file " + properties.toUri().toURL() + ": Malformed \\uxxxx encoding."
        + " (fix or remove the file; every guarded method loaded through it fails until then)";
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("CALL FAILED: " + message, "CALL FAILED: " + message), run.out().lines().toList(),
        run::toString);
    // The agent reads the system class loader's file for guard entries at start-up: it says so once then too.
    assertEquals(List.of("[warden-agent] ERROR " + message, "[warden-agent] ERROR " + message
            + " (every call of example.malformed.Quotes#quote will fail with this error)"),
        run.err().lines().toList(), run::toString);
  }
}
