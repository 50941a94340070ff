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
 * discarded start of each; the same for a bare start that loads nothing, and, as a control, with
 * {@link NoopAgent}. Reports the medians and their ratio.
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
    Pair loading = time(starts, BuildPaths.AGENT_JAR, jar, jar);
    Pair bare = time(starts, BuildPaths.AGENT_JAR, jar);
    Pair control = time(starts, jar, jar, jar);
    double ratio = Stats.median(loading.with) / Stats.median(loading.without);
    return String.format(Locale.ROOT,
        "JVM start + loading every class of benchmarks.jar (%s), %d starts each, alternating; "
            + "and a bare JVM start of the same jar that loads nothing, to tell the agent's fixed cost:%n%n"
            + "| | median ms | min ms | max ms |%n|---|---:|---:|---:|%n"
            + "%s%s%s%s%s%n"
            + "Ratio of medians, loading every class: **%.3f×** (goal ≤ 1.10×: %s). "
            + "Fixed cost of the agent (bare start): +%.0f ms; cost that grows with the classes loaded: +%.0f ms.%n",
        loading.output, starts,
        row("without agent, loading every class", loading.without),
        row("with `-javaagent`, loading every class", loading.with),
        row("without agent, bare start", bare.without),
        row("with `-javaagent`, bare start", bare.with),
        row("control: a no-op transforming agent, loading every class", control.with),
        ratio, ratio <= 1.10 ? "met" : "missed",
        Stats.median(bare.with) - Stats.median(bare.without),
        (Stats.median(loading.with) - Stats.median(loading.without))
            - (Stats.median(bare.with) - Stats.median(bare.without)));
  }

  /** Wall-clock times of one variant, in ms. */
  private record Pair(double[] without, double[] with, String output) {}

  private static Pair time(int starts, String agentJar, String jar, String... arguments)
      throws IOException, InterruptedException {
    List<String> plain = new ArrayList<>(List.of(Processes.jdkTool("java"), "-cp", jar, LoadAllClasses.class.getName()));
    plain.addAll(List.of(arguments));
    List<String> agent = new ArrayList<>(plain);
    agent.add(1, "-javaagent:" + agentJar);
    Processes.run(plain);
    Processes.run(agent);
    double[] without = new double[starts];
    double[] with = new double[starts];
    String output = "";
    for (int i = 0; i < starts; i++) {
      Processes.Run run = Processes.run(plain);
      without[i] = run.nanos() / 1e6;
      output = run.output().strip();
      with[i] = Processes.run(agent).nanos() / 1e6;
    }
    return new Pair(without, with, output);
  }

  private static String row(String label, double[] millis) {
    return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", label, Stats.median(millis), Stats.min(millis), Stats.max(millis));
  }
}
