package dev.warden.benchmarks;

import dev.warden.redis.testing.RedisServer;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reading of a Redis server's {@code INFO commandstats}: per command, the calls served, the
 * server time they took, and the calls refused or failed. Two readings subtracted give what a
 * batch of calls sent. Immutable.
 *
 * @param commands per command name in lower case ({@code evalsha}, {@code ping}, ...)
 */
record CommandStats(Map<String, Stat> commands) {

  /**
   * One command's counters.
   *
   * @param calls calls served
   * @param usec server time of those calls, µs
   * @param refused calls rejected before running ({@code rejected_calls}) or failed while running
   *     ({@code failed_calls})
   */
  record Stat(long calls, long usec, long refused) {

    Stat minus(Stat earlier) {
      return new Stat(calls - earlier.calls, usec - earlier.usec, refused - earlier.refused);
    }
  }

  private static final Stat NONE = new Stat(0, 0, 0);

  /** Reads {@code server}'s counters, on a connection of the harness (not a client under test). */
  static CommandStats of(RedisServer server) {
    Map<String, Stat> commands = new TreeMap<>();
    for (String line : ((String) server.call("INFO", "commandstats")).split("\r\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      int colon = line.indexOf(':');
      Map<String, String> fields = new TreeMap<>();
      for (String field : line.substring(colon + 1).split(",")) {
        int eq = field.indexOf('=');
        fields.put(field.substring(0, eq), field.substring(eq + 1));
      }
      commands.put(line.substring("cmdstat_".length(), colon).toLowerCase(java.util.Locale.ROOT), new Stat(
          Long.parseLong(fields.get("calls")),
          Long.parseLong(fields.get("usec")),
          Long.parseLong(fields.getOrDefault("rejected_calls", "0"))
              + Long.parseLong(fields.getOrDefault("failed_calls", "0"))));
    }
    return new CommandStats(Map.copyOf(commands));
  }

  /**
   * What was served between {@code earlier} and this reading, without the {@code INFO} commands
   * that took the readings.
   */
  CommandStats since(CommandStats earlier) {
    Map<String, Stat> delta = new TreeMap<>();
    commands.forEach((name, stat) -> {
      Stat diff = stat.minus(earlier.stat(name));
      if (!name.equals("info") && (diff.calls != 0 || diff.refused != 0)) {
        delta.put(name, diff);
      }
    });
    return new CommandStats(delta);
  }

  /** {@return the counters of {@code command}, zero if it never ran} */
  Stat stat(String command) {
    return commands.getOrDefault(command, NONE);
  }

  /** {@return all calls served} */
  long calls() {
    return commands.values().stream().mapToLong(Stat::calls).sum();
  }

  /** {@return all calls refused or failed} */
  long refused() {
    return commands.values().stream().mapToLong(Stat::refused).sum();
  }
}
