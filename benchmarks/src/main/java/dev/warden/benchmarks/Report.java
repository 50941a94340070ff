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
    {"bulkhead", "AtomicInteger increment + decrement (floor of an exact limit)", "BulkheadAnchors.casFloor"},
    {"bulkhead", "Warden ConcurrencyLimiter primitive", "WardenPrimitives.bulkhead"},
    {"bulkhead", "Warden @Bulkhead via GuardSite", "WardenSite.bulkhead"},
    {"bulkhead", "Warden @Bulkhead, processor", "WardenGenerated.bulkhead"},
    {"bulkhead", "Warden @Bulkhead, agent", "WardenWoven.bulkhead"},
    {"bulkhead", "Resilience4j SemaphoreBulkhead decorateSupplier", "BulkheadAnchors.resilience4j"},
    {"bulkhead", "Failsafe executor", "BulkheadAnchors.failsafe"},
    {"bulkhead", "Failsafe tryAcquirePermit/releasePermit", "BulkheadAnchors.failsafePermit"},
    {"bulkhead", "SmallRye FT TypedGuard", "BulkheadAnchors.smallRye"},
    {"timeout", "two System.nanoTime() reads around the call (floor, no timer)", "TimeoutAnchors.twoNanoTimes"},
    {"timeout", "ScheduledThreadPoolExecutor schedule + cancel (floor of a timer)", "TimeoutAnchors.stpeScheduleCancel"},
    {"timeout", "Warden @Timeout via GuardSite", "WardenSite.timeout"},
    {"timeout", "Warden @Timeout, processor", "WardenGenerated.timeout"},
    {"timeout", "Warden @Timeout, agent", "WardenWoven.timeout"},
    {"timeout", "Warden @Timeout(interrupt = false) via GuardSite", "WardenSite.timeoutWithoutInterrupt"},
    {"timeout", "Warden @Timeout(interrupt = false), processor", "WardenGenerated.timeoutWithoutInterrupt"},
    {"timeout", "Warden @Timeout(interrupt = false), agent", "WardenWoven.timeoutWithoutInterrupt"},
    {"timeout", "SmallRye FT TypedGuard (interrupts)", "TimeoutAnchors.smallRye"},
    {"timeout", "Failsafe executor, withInterrupt()", "TimeoutAnchors.failsafeInterrupt"},
    {"timeout", "Failsafe executor, no interrupt", "TimeoutAnchors.failsafe"},
    {"timeout", "Resilience4j TimeLimiter, stage completed after decoration (async)",
        "TimeoutAnchors.resilience4jTimeLimiterAsync"},
    {"timeout", "Warden @Timeout on a stage completed after the call (async), via GuardSite",
        "WardenSite.timeoutAsync"},
    {"retry", "loop with try/catch, first attempt succeeds (floor)", "RetryAnchors.loopFirstAttempt"},
    {"retry", "Warden @Retry, first attempt, via GuardSite", "WardenSite.retry"},
    {"retry", "Warden @Retry, first attempt, processor", "WardenGenerated.retry"},
    {"retry", "Warden @Retry, first attempt, agent", "WardenWoven.retry"},
    {"retry", "Resilience4j Retry.decorateSupplier, first attempt", "RetryAnchors.resilience4jFirstAttempt"},
    {"retry", "Failsafe RetryPolicy executor, first attempt", "RetryAnchors.failsafeFirstAttempt"},
    {"retry", "SmallRye FT TypedGuard, first attempt", "RetryAnchors.smallRyeFirstAttempt"},
    {"retry", "loop with try/catch, fails once, no delay (floor)", "RetryAnchors.loopFailOnce"},
    {"retry", "Warden @Retry, fails once, no delay, via GuardSite", "WardenSite.retryFailOnce"},
    {"retry", "Warden @Retry, fails once, no delay, processor", "WardenGenerated.retryFailOnce"},
    {"retry", "Warden @Retry, fails once, no delay, agent", "WardenWoven.retryFailOnce"},
    {"retry", "Resilience4j Retry.decorateSupplier, fails once, no wait", "RetryAnchors.resilience4jFailOnce"},
    {"retry", "Failsafe RetryPolicy executor, fails once, no delay", "RetryAnchors.failsafeFailOnce"},
    {"retry", "SmallRye FT TypedGuard, fails once, no delay", "RetryAnchors.smallRyeFailOnce"},
    {"all three", "Warden stacked via GuardSite", "WardenSite.stacked"},
    {"all three", "Warden stacked, processor", "WardenGenerated.stacked"},
    {"all three", "Warden stacked, agent", "WardenWoven.stacked"},
    {"rejection", "Warden open @Breaker, thrown, via GuardSite", "RejectionWarden.siteOpen"},
    {"rejection", "Warden open @Breaker, thrown, processor", "RejectionWarden.generatedOpen"},
    {"rejection", "Warden open @Breaker, thrown, agent", "RejectionWoven.open"},
    {"rejection", "Warden open @Breaker, fallback w/o Throwable, via GuardSite", "RejectionWarden.siteOpenFallback"},
    {"rejection", "Warden open @Breaker, fallback w/o Throwable, processor", "RejectionWarden.generatedOpenFallback"},
    {"rejection", "Warden open @Breaker, fallback w/o Throwable, agent", "RejectionWoven.openFallback"},
    {"rejection", "Warden @Throttled refusing, thrown, via GuardSite", "RejectionWarden.siteThrottled"},
    {"rejection", "Warden @Throttled refusing, thrown, processor", "RejectionWarden.generatedThrottled"},
    {"rejection", "Warden @Throttled refusing, thrown, agent", "RejectionWoven.throttled"},
    {"rejection", "Resilience4j open, CallNotPermittedException (defaults)", "RejectionAnchors.resilience4jOpen"},
    {"rejection", "Resilience4j open, writableStackTraceEnabled(false)", "RejectionAnchors.resilience4jOpenStackless"},
    {"rejection", "Resilience4j rate limiter, RequestNotPermitted", "RejectionAnchors.resilience4jLimited"},
    {"rejection", "Failsafe open breaker, CircuitBreakerOpenException", "RejectionAnchors.failsafeOpen"},
    {"rejection", "Failsafe rate limiter, RateLimitExceededException", "RejectionAnchors.failsafeLimited"},
    {"rejection", "SmallRye FT open breaker, CircuitBreakerOpenException", "RejectionAnchors.smallRyeOpen"},
    {"rejection", "SmallRye FT rate limit, RateLimitException", "RejectionAnchors.smallRyeLimited"},
  };

  private static final String[] OPEN_REJECTIONS = {
    "RejectionWarden.siteOpen", "RejectionWarden.generatedOpen", "RejectionWoven.open"
  };
  private static final String[] FALLBACK_REJECTIONS = {
    "RejectionWarden.siteOpenFallback", "RejectionWarden.generatedOpenFallback", "RejectionWoven.openFallback"
  };

  private static final String[] PATHS = {"WardenSite", "WardenGenerated", "WardenWoven"};
  private static final String[] BREAKERS = {
    "BreakerAnchors.resilience4j", "BreakerAnchors.smallRye", "BreakerAnchors.failsafe"
  };
  private static final String[] LIMITERS = {
    "LimiterAnchors.guava", "LimiterAnchors.resilience4j", "LimiterAnchors.failsafe", "LimiterAnchors.bucket4j"
  };

  private static final String[] BULKHEADS = {
    "BulkheadAnchors.resilience4j", "BulkheadAnchors.failsafe", "BulkheadAnchors.failsafePermit",
    "BulkheadAnchors.smallRye"
  };

  private static final String[] RETRIES = {
    "RetryAnchors.resilience4jFirstAttempt", "RetryAnchors.failsafeFirstAttempt", "RetryAnchors.smallRyeFirstAttempt"
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
    lines.add(bulkheadPrimitive());
    lines.add(goal("@Retry whose first attempt succeeds ≤ 0.25 × the cheapest anchor retry (R4j, Failsafe, SmallRye), 0 B/call",
        "retry", RETRIES, 0.25, true));
    lines.add(agentVersusProcessor());
    lines.add(rejectionGoal("Open-circuit rejection, thrown, ≤ 0.10 × Resilience4j's default", OPEN_REJECTIONS,
        "RejectionAnchors.resilience4jOpen", 0.10, false));
    lines.add(rejectionGoal("Open-circuit rejection, thrown, ≤ 0.5 × Resilience4j's stackless mode", OPEN_REJECTIONS,
        "RejectionAnchors.resilience4jOpenStackless", 0.5, false));
    lines.add(rejectionGoal("Open-circuit rejection with a fallback without Throwable: 0 B/call", FALLBACK_REJECTIONS,
        null, 0, true));
    return String.join("\n", lines) + "\n";
  }

  /** A goal on rejections: each Warden path against one anchor's time, or (anchor null) 0 B/call only. */
  private String rejectionGoal(String title, String[] paths, String anchor, double limit, boolean zeroAllocation) {
    List<String> parts = new ArrayList<>();
    boolean met = true;
    for (String path : paths) {
      for (Map<String, Score> run : List.of(one, two)) {
        Score warden = run.get(path);
        Score against = anchor == null ? null : run.get(anchor);
        if (warden == null || (anchor != null && against == null)) {
          continue;
        }
        String label = path + " " + (run == one ? 1 : 2) + "t ";
        if (zeroAllocation) {
          met &= warden.bytes() < NO_ALLOCATION;
          parts.add(label + String.format(Locale.ROOT, "%.2f B", warden.bytes()));
        } else {
          double ratio = warden.nanos() / against.nanos();
          met &= ratio <= limit;
          parts.add(label + String.format(Locale.ROOT, "%.3f×", ratio));
        }
      }
    }
    if (parts.isEmpty()) {
      return "- **" + title + "**: not measured";
    }
    return "- **" + title + "**: " + String.join(", ", parts) + " → " + (met ? "**met**" : "**missed**");
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

  /** The bulkhead primitive: ≤ 1.2 × the CAS floor and below the cheapest anchor, in the same run, 0 B/call. */
  private String bulkheadPrimitive() {
    String title = "- **ConcurrencyLimiter ≤ 1.2 × the CAS floor and < the cheapest anchor bulkhead, 0 B/call**: ";
    List<String> parts = new ArrayList<>();
    boolean met = true;
    for (Map<String, Score> run : List.of(one, two)) {
      Score warden = run.get("WardenPrimitives.bulkhead");
      Score floor = run.get("BulkheadAnchors.casFloor");
      Score anchor = cheapest(run, BULKHEADS);
      if (warden == null || floor == null || anchor == null) {
        continue;
      }
      double toFloor = warden.nanos() / floor.nanos();
      double toAnchor = warden.nanos() / anchor.nanos();
      met &= toFloor <= 1.2 && toAnchor < 1.0 && warden.bytes() < NO_ALLOCATION;
      parts.add(String.format(Locale.ROOT, "%dt %.3f× floor, %.3f× %s, %.2f B",
          run == one ? 1 : 2, toFloor, toAnchor, nameOf(run, anchor), warden.bytes()));
    }
    if (parts.isEmpty()) {
      return title + "not measured";
    }
    return title + String.join("; ", parts) + " → " + (met ? "**met**" : "**missed**");
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
