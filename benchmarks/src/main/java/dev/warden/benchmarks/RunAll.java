package dev.warden.benchmarks;

import dev.warden.benchmarks.JmhSuite.Score;
import dev.warden.redis.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole comparison in one command: the JMH benchmarks on 1 and on 2 threads with {@code -prof
 * gc}, a cluster-wide {@code @Throttled} on Redis (its own JMH run on 1 and 8 threads and its round
 * trips per call), latency recording and JFR events on and off, the rate accuracy, the agent's start-up cost and the processor's compile cost; writes one
 * Markdown report (tables, goals with the ratios measured) and prints it.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.RunAll [key=value ...]</pre>
 *
 * <p>Options: see {@link Settings}.
 */
public final class RunAll {

  private RunAll() {}

  /**
   * Runs the sections chosen by {@code args} ({@code key=value}, see {@link Settings}).
   *
   * @throws Exception if a section cannot run
   */
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    Path out = settings.out().toAbsolutePath();
    Files.createDirectories(out.getParent());
    StringBuilder report = new StringBuilder("## Results\n\n").append(Environment.describe());
    report.append(String.format(
        "- JMH: avgt, %d forks × %d measurement iterations of %d s after %d warm-up iterations, -prof gc; "
            + "error = 99.9%% confidence interval half-width%n%n",
        settings.forks(), settings.iterations(), settings.seconds(), settings.warmups()));
    if (settings.runs("jmh")) {
      Map<String, Score> one = JmhSuite.run(settings, 1, out.resolveSibling("jmh-1-thread.json"));
      Map<String, Score> two = JmhSuite.run(settings, 2, out.resolveSibling("jmh-2-threads.json"));
      Report tables = new Report(one, two);
      report.append("### Cost per call\n\n").append(tables.table())
          .append("\nLoad average after JMH: ").append(Environment.loadAverage()).append("\n\n")
          .append("### Goals\n\n").append(tables.goals()).append('\n');
    }
    if (settings.runs("redis")) {
      report.append("### Cluster-wide @Throttled on Redis\n\n").append(redis(settings, out))
          .append("\nLoad average after: ").append(Environment.loadAverage()).append("\n\n");
    }
    if (settings.runs("observability")) {
      ObservabilityReport observability =
          new ObservabilityReport(JmhSuite.runObservability(settings, out.resolveSibling("jmh-observability.json")));
      report.append("### Latency recording and JFR events\n\n").append(observability.tables())
          .append("\nLoad average after JMH: ").append(Environment.loadAverage()).append("\n\n")
          .append(observability.goals()).append('\n');
    }
    if (settings.runs("accuracy")) {
      report.append("### Rate accuracy\n\n").append(RateAccuracy.run(settings.accuracySeconds()))
          .append("\nLoad average after: ").append(Environment.loadAverage()).append("\n\n");
    }
    if (settings.runs("startup")) {
      report.append("### Agent start-up cost\n\n").append(StartupCost.run(settings.starts()))
          .append("\nLoad average after: ").append(Environment.loadAverage()).append("\n\n");
    }
    if (settings.runs("compile")) {
      report.append("### Processor compile cost\n\n").append(CompileCost.run(settings.compiles()))
          .append("\nLoad average after: ").append(Environment.loadAverage()).append("\n");
    }
    Files.writeString(out, report);
    System.out.println();
    System.out.print(report);
    System.out.println("\nWritten to " + out);
  }

  /**
   * The section {@code redis}: the round trips per call (which also shows that a {@code
   * redis-server} can be started, else the section is not measured), then {@link RedisAnchors} on
   * 1 and on 8 threads.
   */
  private static String redis(Settings settings, Path out) throws Exception {
    try {
      RedisServer.start().close();
    } catch (IllegalStateException e) {
      return "Not measured: " + e.getMessage() + "\n";
    }
    String roundTrips = RedisRoundTrips.run(settings.roundTripCalls());
    RedisReport tables = new RedisReport(
        JmhSuite.runRedis(settings, 1, out.resolveSibling("jmh-redis-1-thread.json")),
        JmhSuite.runRedis(settings, 8, out.resolveSibling("jmh-redis-8-threads.json")));
    return tables.table() + "\nLoad average after JMH: " + Environment.loadAverage() + "\n\n"
        + tables.goals() + "\n" + roundTrips;
  }
}
