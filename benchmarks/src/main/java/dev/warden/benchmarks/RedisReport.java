package dev.warden.benchmarks;

import dev.warden.benchmarks.JmhSuite.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JMH scores of {@link RedisAnchors} on 1 and on 8 threads into a table (µs per call,
 * calls per second, bytes per call) and the verdict on the goals of a cluster-wide
 * {@code @Throttled}: at most 1.2 × the {@code PING} floor and 0.8 × Bucket4j's Redis bucket.
 * Stateless.
 */
final class RedisReport {

  private static final String[][] ROWS = {
    {"Lettuce sync PING (floor: one round trip)", "RedisAnchors.ping"},
    {"Warden RateLimiter on the Redis store", "RedisAnchors.wardenLimiter"},
    {"Warden @Throttled, store=redis, processor", "RedisAnchors.wardenThrottled"},
    {"Bucket4j Redis bucket on Lettuce (CAS)", "RedisAnchors.bucket4j"},
  };
  private static final String[] WARDEN = {"RedisAnchors.wardenLimiter", "RedisAnchors.wardenThrottled"};
  private static final String PING = "RedisAnchors.ping";
  private static final String BUCKET4J = "RedisAnchors.bucket4j";

  private final Map<String, Score> one;
  private final Map<String, Score> eight;

  RedisReport(Map<String, Score> oneThread, Map<String, Score> eightThreads) {
    this.one = oneThread;
    this.eight = eightThreads;
  }

  /** The table: per thread µs per call ± 99.9% CI, all threads' calls per second, bytes per call. */
  String table() {
    StringBuilder out = new StringBuilder();
    out.append("| implementation | 1 thread µs/call | calls/s | B/call | 8 threads µs/call | calls/s | B/call |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (String[] row : ROWS) {
      out.append("| ").append(row[0]).append(" | ").append(cells(one.get(row[1]), 1)).append(" | ")
          .append(cells(eight.get(row[1]), 8)).append(" |\n");
    }
    return out.toString();
  }

  /** One line per goal with the ratios of this run. */
  String goals() {
    return goal("≤ 1.2 × the PING floor", PING, 1.2) + "\n" + goal("≤ 0.8 × Bucket4j's Redis bucket", BUCKET4J, 0.8) + "\n";
  }

  private String goal(String title, String anchor, double limit) {
    List<String> parts = new ArrayList<>();
    boolean met = true;
    for (String warden : WARDEN) {
      for (Map<String, Score> run : List.of(one, eight)) {
        Score score = run.get(warden);
        Score against = run.get(anchor);
        if (score == null || against == null) {
          continue;
        }
        double ratio = score.nanos() / against.nanos();
        met &= ratio <= limit;
        parts.add(String.format(Locale.ROOT, "%s %dt %.2f×", warden.substring(warden.indexOf('.') + 1),
            run == one ? 1 : 8, ratio));
      }
    }
    String line = "- **A cluster-wide @Throttled " + title + "**: ";
    return parts.isEmpty() ? line + "not measured" : line + String.join(", ", parts) + " → " + (met ? "**met**" : "**missed**");
  }

  private static String cells(Score score, int threads) {
    if (score == null) {
      return "not run | | ";
    }
    String micros = Double.isNaN(score.error())
        ? String.format(Locale.ROOT, "%.1f", score.nanos() / 1e3)
        : String.format(Locale.ROOT, "%.1f ± %.1f", score.nanos() / 1e3, score.error() / 1e3);
    String bytes = Double.isNaN(score.bytes()) ? "" : String.format(Locale.ROOT, "%.0f", Math.max(0, score.bytes()));
    return String.format(Locale.ROOT, "%s | %,.0f | %s", micros, threads * 1e9 / score.nanos(), bytes);
  }
}
