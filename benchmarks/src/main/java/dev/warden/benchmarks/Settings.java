package dev.warden.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@link RunAll}, given as {@code key=value} arguments; every key has a default that
 * makes the whole comparison fit in 20 minutes on 2 cores.
 *
 * @param forks JMH forks per benchmark and thread count
 * @param warmups JMH warm-up iterations
 * @param iterations JMH measurement iterations
 * @param seconds length of each JMH iteration
 * @param include regular expression of the JMH benchmarks to run
 * @param sections which parts to run: {@code jmh}, {@code redis}, {@code observability}, {@code accuracy}, {@code startup}, {@code compile}
 * @param accuracySeconds length of each rate-accuracy trial
 * @param starts JVM starts per variant for the start-up cost
 * @param compiles javac runs per variant for the compile cost
 * @param roundTripCalls calls per thread of each batch that counts a Redis subject's round trips
 * @param out the Markdown report written at the end
 */
record Settings(
    int forks,
    int warmups,
    int iterations,
    int seconds,
    String include,
    Set<String> sections,
    int accuracySeconds,
    int starts,
    int compiles,
    int roundTripCalls,
    Path out) {

  static final List<String> SECTIONS = List.of("jmh", "redis", "observability", "accuracy", "startup", "compile");

  /**
   * @throws IllegalArgumentException naming an unknown key, a malformed argument or a bad value
   */
  static Settings parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("forks", "2");
    values.put("warmups", "2");
    values.put("iterations", "4");
    values.put("seconds", "1");
    values.put("include", "dev\\.warden\\.benchmarks\\..*");
    values.put("sections", String.join(",", SECTIONS));
    values.put("accuracySeconds", "5");
    values.put("starts", "6");
    values.put("compiles", "4");
    values.put("roundTripCalls", "5000");
    values.put("out", "benchmarks/target/results.md");
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Expected key=value, got '" + arg + "'; keys: " + values.keySet());
      }
      String key = arg.substring(0, eq);
      if (!values.containsKey(key)) {
        throw new IllegalArgumentException("Unknown option '" + key + "'; keys: " + values.keySet());
      }
      values.put(key, arg.substring(eq + 1));
    }
    Set<String> sections = Set.of(values.get("sections").split(","));
    for (String section : sections) {
      if (!SECTIONS.contains(section)) {
        throw new IllegalArgumentException("Unknown section '" + section + "'; sections: " + SECTIONS);
      }
    }
    return new Settings(
        positive(values, "forks"),
        positive(values, "warmups"),
        positive(values, "iterations"),
        positive(values, "seconds"),
        values.get("include"),
        sections,
        positive(values, "accuracySeconds"),
        positive(values, "starts"),
        positive(values, "compiles"),
        positive(values, "roundTripCalls"),
        Path.of(values.get("out")));
  }

  boolean runs(String section) {
    return sections.contains(section);
  }

  private static int positive(Map<String, String> values, String key) {
    String value = values.get(key);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Option " + key + " must be a positive integer, got '" + value + "'");
  }
}
