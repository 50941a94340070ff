package dev.warden.benchmarks;

import dev.warden.benchmarks.JmhSuite.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JMH scores of the 1-thread and 2-thread runs into the results table and the verdict
 * on each goal of the comparison, as Markdown. Stateless.
 */
final class Report {

  /** Below this many bytes per call nothing was allocated (an object costs at least 16). */
  private static final double NO_ALLOCATION = 1.0;

  private static final String[][] ROWS = {
    {"none", "direct call", "WardenSite.direct"},
    {"count", "LongAdder.increment", "CounterAnchors.longAdder"},
    {"count", "Micrometer counter", "CounterAnchors.micrometer"},
    {"count", "Warden CallStats primitive", "WardenPrimitives.stats"},
    {"count", "Warden @CountCalls via GuardSite", "WardenSite.counted"},
    {"count", "Warden @CountCalls, processor", "WardenGenerated.counted"},
    {"count", "Warden @CountCalls, agent", "WardenWoven.counted"},
    {"breaker", "Warden CircuitBreaker primitive", "WardenPrimitives.breaker"},
    {"breaker", "Warden @Breaker via GuardSite", "WardenSite.breaker"},
    {"breaker", "Warden @Breaker, processor", "WardenGenerated.breaker"},
    {"breaker", "Warden @Breaker, agent", "WardenWoven.breaker"},
    {"breaker", "Resilience4j decorateSupplier", "BreakerAnchors.resilience4j"},
    {"breaker", "SmallRye FT TypedGuard", "BreakerAnchors.smallRye"},
    {"breaker", "Failsafe executor", "BreakerAnchors.failsafe"},
    {"breaker", "Failsafe tryAcquirePermit/recordSuccess", "BreakerAnchors.failsafePermit"},
    {"clock", "System.nanoTime() alone (every limiter reads it)", "LimiterAnchors.nanoTime"},
    {"limiter", "Warden RateLimiter primitive", "WardenPrimitives.limiter"},
    {"limiter", "Warden @Throttled via GuardSite", "WardenSite.throttled"},
    {"limiter", "Warden @Throttled, processor", "WardenGenerated.throttled"},
    {"limiter", "Warden @Throttled, agent", "WardenWoven.throttled"},
    {"limiter", "Guava tryAcquire", "LimiterAnchors.guava"},
    {"limiter", "Resilience4j acquirePermission", "LimiterAnchors.resilience4j"},
    {"limiter", "Failsafe tryAcquirePermit", "LimiterAnchors.failsafe"},
    {"limiter", "Bucket4j tryConsume", "LimiterAnchors.bucket4j"},
    {"all three", "Warden stacked via GuardSite", "WardenSite.stacked"},
    {"all three", "Warden stacked, processor", "WardenGenerated.stacked"},
    {"all three", "Warden stacked, agent", "WardenWoven.stacked"},
  };

  private static final String[] PATHS = {"WardenSite", "WardenGenerated", "WardenWoven"};
  private static final String[] BREAKERS = {
    "BreakerAnchors.resilience4j", "BreakerAnchors.smallRye", "BreakerAnchors.failsafe"
  };
  private static final String[] LIMITERS = {
    "LimiterAnchors.guava", "LimiterAnchors.resilience4j", "LimiterAnchors.failsafe", "LimiterAnchors.bucket4j"
  };

  private final Map<String, Score> one;
  private final Map<String, Score> two;

  Report(Map<String, Score> oneThread, Map<String, Score> twoThreads) {
    this.one = oneThread;
    this.two = twoThreads;
  }

  /** The results table: ns per call ± 99.9% CI and bytes per call, on 1 and 2 threads. */
  String table() {
    StringBuilder out = new StringBuilder();
    out.append("| guard | implementation | 1 thread ns/call | B/call | 2 threads ns/call | B/call |\n");
    out.append("|---|---|---:|---:|---:|---:|\n");
    for (String[] row : ROWS) {
      Score a = one.get(row[2]);
      Score b = two.get(row[2]);
      if (a == null && b == null) {
        out.append(String.format("| %s | %s | not run | | not run | |%n", row[0], row[1]));
        continue;
      }
      out.append(String.format("| %s | %s | %s | %s | %s | %s |%n", row[0], row[1], time(a), bytes(a), time(b), bytes(b)));
    }
    return out.toString();
  }

  /** One line per goal: the ratios measured in this run and whether the goal is met. */
  String goals() {
    List<String> lines = new ArrayList<>();
    lines.add(goal("One @Breaker ≤ 0.10 × Resilience4j's breaker, 0 B/call", "breaker",
        new String[] {"BreakerAnchors.resilience4j"}, 0.10, true));
    lines.add(goal("One @Throttled < the fastest of Guava, Failsafe, Resilience4j, Bucket4j, 0 B/call", "throttled",
        LIMITERS, 1.0, true));
    lines.add(goal("One @CountCalls ≤ 2 × a Micrometer counter", "counted",
        new String[] {"CounterAnchors.micrometer"}, 2.0, false));
    lines.add(goal("All three stacked < the cheapest anchor breaker (R4j, SmallRye, Failsafe executor)", "stacked",
        BREAKERS, 1.0, false));
    lines.add(agentVersusProcessor());
    return String.join("\n", lines) + "\n";
  }

  private String goal(String title, String method, String[] anchors, double limit, boolean zeroAllocation) {
    StringBuilder line = new StringBuilder("- **" + title + "**: ");
    boolean met = true;
    boolean measured = false;
    List<String> parts = new ArrayList<>();
    for (String path : PATHS) {
      String key = path + "." + method;
      List<String> ratios = new ArrayList<>();
      for (Map<String, Score> run : List.of(one, two)) {
        Score warden = run.get(key);
        Score anchor = cheapest(run, anchors);
        if (warden == null || anchor == null) {
          continue;
        }
        measured = true;
        double ratio = warden.nanos() / anchor.nanos();
        boolean ok = limit == 1.0 ? ratio < 1.0 : ratio <= limit;
        if (zeroAllocation && !(warden.bytes() < NO_ALLOCATION)) {
          ok = false;
        }
        met &= ok;
        ratios.add(String.format(Locale.ROOT, "%.3f× (vs %s%s)", ratio, nameOf(run, anchor),
            zeroAllocation ? String.format(Locale.ROOT, ", %.2f B", warden.bytes()) : ""));
      }
      if (!ratios.isEmpty()) {
        parts.add(path + " 1t/2t: " + String.join(" / ", ratios));
      }
    }
    if (!measured) {
      return line.append("not measured").toString();
    }
    return line.append(String.join("; ", parts)).append(" → ").append(met ? "**met**" : "**missed**").toString();
  }

  private String agentVersusProcessor() {
    StringBuilder line = new StringBuilder("- **Agent-woven within 10% of processor-generated**: ");
    List<String> parts = new ArrayList<>();
    boolean met = true;
    for (String method : List.of("breaker", "throttled", "counted", "stacked")) {
      for (Map<String, Score> run : List.of(one, two)) {
        Score woven = run.get("WardenWoven." + method);
        Score generated = run.get("WardenGenerated." + method);
        if (woven == null || generated == null) {
          continue;
        }
        double ratio = woven.nanos() / generated.nanos();
        met &= Math.abs(ratio - 1) <= 0.10;
        parts.add(String.format(Locale.ROOT, "%s %dt %.3f×", method, run == one ? 1 : 2, ratio));
      }
    }
    if (parts.isEmpty()) {
      return line.append("not measured (needs both the processor-generated and the agent-woven benchmarks)").toString();
    }
    return line.append(String.join(", ", parts)).append(" → ").append(met ? "**met**" : "**missed**").toString();
  }

  private static Score cheapest(Map<String, Score> run, String[] keys) {
    Score best = null;
    for (String key : keys) {
      Score score = run.get(key);
      if (score != null && (best == null || score.nanos() < best.nanos())) {
        best = score;
      }
    }
    return best;
  }

  private static String nameOf(Map<String, Score> run, Score score) {
    return run.entrySet().stream().filter(e -> e.getValue() == score).map(Map.Entry::getKey).findFirst().orElse("?");
  }

  private static String time(Score score) {
    if (score == null) {
      return "not run";
    }
    return Double.isNaN(score.error())
        ? String.format(Locale.ROOT, "%.2f", score.nanos())
        : String.format(Locale.ROOT, "%.2f ± %.2f", score.nanos(), score.error());
  }

  private static String bytes(Score score) {
    return score == null || Double.isNaN(score.bytes()) ? "" : String.format(Locale.ROOT, "%.1f", Math.max(0, score.bytes()));
  }
}
