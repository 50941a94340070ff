package com.example.app;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.Warden;
import java.util.Set;

/** Runs the scenario, then checks that Warden's registry shows the same guards as JMX. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    Scenario.run();
    Scenario.check(Warden.names().equals(Set.of(Scenario.QUOTE, Scenario.FLAKY, Scenario.LATER)),
        "Warden.names() = " + Warden.names());
    stats(Scenario.QUOTE, 3, 2, 0, 1);
    stats(Scenario.FLAKY, 3, 0, 2, 1);
    stats(Scenario.LATER, 2, 1, 0, 1);
    CircuitBreaker.State state = Warden.breaker(Scenario.FLAKY).orElseThrow().state();
    Scenario.check(state == CircuitBreaker.State.OPEN, "Warden breaker state " + state);
    System.out.println("warden: breaker " + state);
    System.out.println("MODULAR CHECKS PASSED");
  }

  private static void stats(String name, long calls, long successes, long failures, long rejections) {
    CallStats stats = Warden.callStats(name).orElseThrow(() -> new AssertionError("no stats for " + name));
    String seen = "calls=" + stats.calls() + " successes=" + stats.successes() + " failures=" + stats.failures()
        + " rejections=" + stats.rejections();
    Scenario.check(seen.equals("calls=" + calls + " successes=" + successes + " failures=" + failures
        + " rejections=" + rejections), name + " via Warden: " + seen);
    System.out.println("warden: " + name + " " + seen);
  }
}
