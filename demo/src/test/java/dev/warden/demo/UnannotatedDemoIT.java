package dev.warden.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's unannotated mode, run as a user runs it: the packaged demo jar in a JVM of its own,
 * under the agent jar with {@code config=demo-guards.properties}. The never-annotated {@code
 * SimulatedBackend} must be guarded by those entries alone, and without {@code config=} the demo
 * must refuse to run and print the command to use. No assertion depends on timing: the checks
 * are the counts adding up, guards that exist, and exact messages.
 */
class UnannotatedDemoIT {

  private static final String AGENT = System.getProperty("demo.agentJar");
  private static final String DEMO = System.getProperty("demo.jar");
  private static final String GUARDS = System.getProperty("demo.guards");
  private static final String VERSION = System.getProperty("demo.version");
  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) = (\\d+) ok \\+ (\\d+) failed \\+ (\\d+) rejected");

  @TempDir Path dir;

  @Test
  void guardsTheNeverAnnotatedBackendClientFromTheConfigurationAlone() throws Exception {
    Path classes = dir.resolve("classes.log");
    Run run = run("-Xlog:class+load=info:file=" + classes, "-javaagent:" + AGENT + "=config=" + GUARDS,
        "-jar", DEMO, "--unannotated", "--seconds", "3", "--workers", "4");

    assertEquals(0, run.exit, run.toString());
    assertTrue(run.out.get(0).startsWith("Warden demo — unannotated mode (SimulatedBackend, never annotated), 4 workers, 3 s"),
        run.toString());
    for (String method : List.of("search", "suggest")) {
      String guard = "dev.warden.demo.SimulatedBackend#" + method;
      List<String> lines = run.out.stream().filter(line -> line.startsWith(guard + ": calls ")).toList();
      assertEquals(1, lines.size(), run.toString());
      Matcher counts = SUMMARY.matcher(lines.get(0).substring((guard + ": calls ").length()));
      assertTrue(counts.matches(), "counts do not add up, or the line changed: " + lines.get(0));
      long calls = Long.parseLong(counts.group(1));
      assertTrue(calls > 0, lines.get(0));
      assertEquals(calls, Long.parseLong(counts.group(2)) + Long.parseLong(counts.group(3))
          + Long.parseLong(counts.group(4)), lines.get(0));
    }
    // The summary table: search has its breaker and its rate limiter, suggest only a rate limiter.
    List<String> table = run.out.subList(run.out.indexOf("=== Summary"), run.out.size());
    String[] search = row(table, "SimulatedBackend#search");
    assertTrue(List.of("CLOSED", "OPEN", "HALF_OPEN").contains(search[6]), String.join(" ", search));
    assertTrue(search[7].matches("\\d+"), String.join(" ", search));
    String[] suggest = row(table, "SimulatedBackend#suggest");
    assertEquals("-", suggest[6], String.join(" ", suggest));
    assertTrue(suggest[7].matches("\\d+"), String.join(" ", suggest));
    // Every entry matched (nothing in the exit report), and nothing else went wrong.
    assertFalse(run.err.stream().anyMatch(line -> line.startsWith("[warden-agent]")), run.toString());
    // The annotated service never comes into play: its class is not even loaded.
    String loaded = Files.readString(classes);
    assertTrue(loaded.contains(" dev.warden.demo.SimulatedBackend "), "class log lacks the backend");
    assertFalse(loaded.contains(" dev.warden.demo.SearchService "), "SearchService was loaded");
    assertFalse(loaded.contains(" dev.warden.demo.GuardedSearchService "), "GuardedSearchService was loaded");
  }

  @Test
  void withTheAgentButNoConfigurationItExitsWithTheCommandToUse() throws Exception {
    Run run = run("-javaagent:" + AGENT, "-jar", DEMO, "--unannotated", "--seconds", "3");

    assertEquals(2, run.exit, run.toString());
    assertEquals(List.of(), run.out, run.toString());
    assertEquals(List.of(
        "--unannotated needs the Warden agent with the demo's guard entries (config=); from the repository root run:",
        "  java -javaagent:" + AGENT + "=config=demo/demo-guards.properties -jar demo/target/warden-demo.jar"
            + " --unannotated --seconds 3"), run.err);
  }

  @Test
  void withoutTheAgentItExitsWithTheCommandToUse() throws Exception {
    Run run = run("-jar", DEMO, "--unannotated");

    assertEquals(2, run.exit, run.toString());
    assertEquals(List.of(), run.out, run.toString());
    assertEquals(List.of(
        "--unannotated needs the Warden agent with the demo's guard entries (config=); from the repository root run:",
        "  java -javaagent:agent/target/warden-agent-" + VERSION + ".jar=config=demo/demo-guards.properties"
            + " -jar demo/target/warden-demo.jar --unannotated"), run.err);
  }

  private static String[] row(List<String> table, String guard) {
    List<String[]> rows = table.stream().map(line -> line.trim().split("\\s+"))
        .filter(cells -> cells[0].equals(guard)).toList();
    assertEquals(1, rows.size(), String.join("\n", table));
    assertEquals(8, rows.get(0).length, String.join(" ", rows.get(0)));
    return rows.get(0);
  }

  private Run run(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(arguments));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    // Not a timing check: only a guard against a hung JVM (the demo itself runs for 3 s).
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the demo did not end within 5 minutes: " + command);
    }
    return new Run(command, process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
  }

  private record Run(List<String> command, int exit, List<String> out, List<String> err) {
    @Override
    public String toString() {
      return String.join(" ", command) + "\nexit " + exit + "\n--- stdout\n" + String.join("\n", out)
          + "\n--- stderr\n" + String.join("\n", err);
    }
  }
}
