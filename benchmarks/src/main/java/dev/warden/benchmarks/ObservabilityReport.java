package dev.warden.benchmarks;

import dev.warden.benchmarks.JmhSuite.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the one-thread scores of {@link LatencyAnchors} and {@link JfrAnchors} into a table and
 * the verdict on two goals: latency recording costs at most two clock reads + 15 ns a call, and
 * the success path costs the same whether or not a JFR recording runs. Stateless.
 */
final class ObservabilityReport {

  /** The benchmarks of the section {@code observability}, excluded from the section {@code jmh}. */
  static final String PATTERN = "dev\\.warden\\.benchmarks\\.(LatencyAnchors|JfrAnchors)\\.";

  /** The budget of latency recording beyond its two clock reads, ns. */
  private static final double LATENCY_BUDGET = 15.0;
  /** Below this many bytes per call nothing was allocated (an object costs at least 16). */
  private static final double NO_ALLOCATION = 1.0;
  private static final String[] JFR_STATES = {"none", "default", "warden"};
  private static final String[][] JFR_PATHS = {
    {"admitting", "success: @Breaker @Throttled @Bulkhead admit"},
    {"open", "open breaker refuses (fallback)"},
    {"throttled", "spent bucket refuses (fallback)"},
    {"full", "full bulkhead refuses (fallback)"},
  };

  private final Map<String, Score> scores;

  ObservabilityReport(Map<String, Score> scores) {
    this.scores = scores;
  }

  /** The two tables: latency on/off, and each JFR path in the three recording states. */
  String tables() {
    StringBuilder out = new StringBuilder("| latency benchmark | ns/call | B/call |\n|---|---:|---:|\n");
    for (String name : List.of("latencyOff", "latencyOn", "twoClockReads", "statsOff", "statsOnFreeClock")) {
      Score score = scores.get("LatencyAnchors." + name);
      out.append("| ").append(name).append(" | ").append(time(score)).append(" | ").append(bytes(score)).append(" |\n");
    }
    out.append("\n| path | no recording | recording, Warden events off | Warden events recorded |\n|---|---:|---:|---:|\n");
    for (String[] path : JFR_PATHS) {
      out.append("| ").append(path[1]);
      for (String state : JFR_STATES) {
        Score score = jfr(path[0], state);
        out.append(" | ").append(time(score)).append(", ").append(bytes(score));
      }
      out.append(" |\n");
    }
    return out.toString();
  }

  /** One line per goal with what this run measured. */
  String goals() {
    return latencyGoal() + "\n" + jfrGoal() + "\n" + quietRefusalGoal() + "\n";
  }

  private String latencyGoal() {
    Score off = scores.get("LatencyAnchors.latencyOff");
    Score on = scores.get("LatencyAnchors.latencyOn");
    Score clocks = scores.get("LatencyAnchors.twoClockReads");
    String title = "- **@CountCalls(latency = true) costs ≤ 2 clock reads + 15 ns a call**: ";
    if (off == null || on == null || clocks == null) {
      return title + "not measured";
    }
    double extra = on.nanos() - off.nanos() - clocks.nanos();
    return title + String.format(Locale.ROOT, "on − off = %.1f ns, two clock reads = %.1f ns, so %.1f ns beyond them",
        on.nanos() - off.nanos(), clocks.nanos(), extra) + verdict(extra <= LATENCY_BUDGET);
  }

  /**
   * The success path while JFR records none of Warden's events (a recording of the JDK's default
   * events running) must cost what it costs with no recording at all: the same within the two
   * error bars, and no allocation. The state with Warden's events recorded is shown too, for
   * information: the success path emits no event, so a difference there is the recording's own
   * cost to the machine.
   */
  private String jfrGoal() {
    String title = "- **The success path costs the same while JFR does not record Warden's events**: ";
    Score none = jfr("admitting", "none");
    Score off = jfr("admitting", "default");
    if (none == null || off == null) {
      return title + "not measured";
    }
    double difference = off.nanos() - none.nanos();
    double noise = off.error() + none.error();
    boolean met = Math.abs(difference) <= noise && none.bytes() < NO_ALLOCATION && off.bytes() < NO_ALLOCATION;
    String line = title + String.format(Locale.ROOT,
        "default recording − no recording = %+.1f ns (error bars together ±%.1f ns), %.2f B", difference, noise,
        off.bytes()) + verdict(met);
    Score recorded = jfr("admitting", "warden");
    return recorded == null ? line : line + String.format(Locale.ROOT,
        " (for information, Warden's events recorded − no recording = %+.1f ns, %.2f B)",
        recorded.nanos() - none.nanos(), recorded.bytes());
  }

  private String quietRefusalGoal() {
    String title = "- **A refusal allocates nothing unless Warden's events are recorded**: ";
    List<String> parts = new ArrayList<>();
    boolean met = true;
    for (String[] path : JFR_PATHS) {
      if (path[0].equals("admitting")) {
        continue; // not a refusal: the success path's goal above
      }
      for (String state : List.of("none", "default")) {
        Score score = jfr(path[0], state);
        if (score != null) {
          met &= score.bytes() < NO_ALLOCATION;
          parts.add(String.format(Locale.ROOT, "%s/%s %.2f B", path[0], state, score.bytes()));
        }
      }
    }
    return parts.isEmpty() ? title + "not measured" : title + String.join(", ", parts) + verdict(met);
  }

  private Score jfr(String path, String state) {
    return scores.get("JfrAnchors." + path + "[jfr=" + state + "]");
  }

  private static String verdict(boolean met) {
    return met ? " → **met**" : " → **missed**";
  }

  private static String time(Score score) {
    if (score == null) {
      return "not run";
    }
    return Double.isNaN(score.error()) ? String.format(Locale.ROOT, "%.1f", score.nanos())
        : String.format(Locale.ROOT, "%.1f ± %.1f", score.nanos(), score.error());
  }

  private static String bytes(Score score) {
    return score == null || Double.isNaN(score.bytes()) ? "–" : String.format(Locale.ROOT, "%.0f B", score.bytes());
  }
}
