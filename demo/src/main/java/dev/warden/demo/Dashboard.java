package dev.warden.demo;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.Warden;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * Prints one table row per guarded method from the {@link Warden} registry: its counters, its
 * breaker's state and its rate limiter's free tokens.
 *
 * <p>Thread-safe (stateless apart from the stream, which is synchronized).
 */
final class Dashboard {

  private static final String ROW = "%-40s %7s %7s %7s %9s %9s  %-9s %6s%n";

  private final List<String> guards;
  private final PrintStream out;

  Dashboard(List<String> guards, PrintStream out) {
    this.guards = guards;
    this.out = out;
  }

  /** Prints the table under {@code title}. */
  void print(String title) {
    StringBuilder table = new StringBuilder(title).append(System.lineSeparator());
    table.append(String.format(ROW, "guard", "calls", "ok", "failed", "rejected", "in-flight", "breaker", "tokens"));
    for (String guard : guards) {
      Optional<CallStats> stats = Warden.callStats(guard);
      table.append(String.format(ROW,
          shortName(guard),
          stats.map(s -> String.valueOf(s.calls())).orElse("-"),
          stats.map(s -> String.valueOf(s.successes())).orElse("-"),
          stats.map(s -> String.valueOf(s.failures())).orElse("-"),
          stats.map(s -> String.valueOf(s.rejections())).orElse("-"),
          stats.map(s -> String.valueOf(s.inFlight())).orElse("-"),
          Warden.breaker(guard).map(CircuitBreaker::state).map(Enum::name).orElse("-"),
          Warden.rateLimiter(guard).map(RateLimiter::availablePermits).map(String::valueOf).orElse("-")));
    }
    out.print(table);
    out.flush();
  }

  private static String shortName(String guard) {
    return guard.substring(guard.lastIndexOf('.') + 1);
  }
}
