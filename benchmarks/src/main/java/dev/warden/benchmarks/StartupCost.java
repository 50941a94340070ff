package dev.warden.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Start-up cost of the java agent: JVM starts of {@link LoadAllClasses} over every class of the
 * benchmarks jar (the anchor libraries, Guava, JMH: several thousand classes), with and without
 * {@code -javaagent} (no options: every class is offered to the agent), alternating, after one
 * discarded start of each. Reports the medians and their ratio.
 */
public final class StartupCost {

  private StartupCost() {}

  /**
   * Prints the Markdown report for {@code args[0]} starts per variant (default 7).
   *
   * @throws Exception if a JVM start fails
   */
  public static void main(String[] args) throws Exception {
    System.out.print(run(args.length > 0 ? Integer.parseInt(args[0]) : 7));
  }

  private static boolean isAgent(Path jar) throws IOException {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Premain-Class") != null;
    }
  }

  /** Runs {@code starts} JVM starts per variant and returns the Markdown report. */
  static String run(int starts) throws IOException, InterruptedException {
    if (!isAgent(Path.of(BuildPaths.AGENT_JAR))) {
      return "Not measured: " + BuildPaths.AGENT_JAR + " is not a java agent jar (missing, or no Premain-Class).\n";
    }
    String jar = Path.of(LoadAllClasses.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    List<String> plain = List.of(Processes.jdkTool("java"), "-cp", jar, LoadAllClasses.class.getName(), jar);
    List<String> agent = new ArrayList<>(plain);
    agent.add(1, "-javaagent:" + BuildPaths.AGENT_JAR);
    Processes.run(plain);
    Processes.run(agent);
    double[] without = new double[starts];
    double[] with = new double[starts];
    String loaded = "";
    for (int i = 0; i < starts; i++) {
      Processes.Run run = Processes.run(plain);
      without[i] = run.nanos() / 1e6;
      loaded = run.output().strip();
      with[i] = Processes.run(agent).nanos() / 1e6;
    }
    double ratio = Stats.median(with) / Stats.median(without);
    return String.format(Locale.ROOT,
        "JVM start + loading every class of benchmarks.jar (%s), %d starts each, alternating:%n%n"
            + "| | median ms | min ms | max ms |%n|---|---:|---:|---:|%n"
            + "| without agent | %.0f | %.0f | %.0f |%n| with `-javaagent` | %.0f | %.0f | %.0f |%n%n"
            + "Ratio of medians: **%.3f×** (goal ≤ 1.10×: %s).%n",
        loaded, starts,
        Stats.median(without), Stats.min(without), Stats.max(without),
        Stats.median(with), Stats.min(with), Stats.max(with),
        ratio, ratio <= 1.10 ? "met" : "missed");
  }
}
