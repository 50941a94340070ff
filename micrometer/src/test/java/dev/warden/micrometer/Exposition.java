package dev.warden.micrometer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A scrape in Prometheus's text exposition format, parsed: {@code # HELP} and {@code # TYPE}
 * lines, and samples {@code name{label="value",…} value}. Refuses what the format does not allow:
 * a malformed line, a metric or label name against the naming rules, a series twice, a family's
 * HELP or TYPE twice.
 */
final class Exposition {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** One series: a sample's name and labels. */
  record Series(String name, Map<String, String> labels) {}

  final Map<Series, Double> samples = new LinkedHashMap<>();
  final Map<String, String> helps = new TreeMap<>();
  final Map<String, String> types = new TreeMap<>();

  private Exposition() {}

  static Exposition parse(String text) {
    Exposition parsed = new Exposition();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ", 2);
        Map<String, String> into = line.startsWith("# HELP ") ? parsed.helps : parsed.types;
        check(METRIC_NAME.matcher(parts[0]).matches(), "metric name", line);
        check(into.put(parts[0], parts.length > 1 ? parts[1] : "") == null, "one HELP or TYPE per family", line);
      } else if (line.startsWith("#")) {
        continue; // a comment
      } else {
        parsed.sample(line);
      }
    }
    return parsed;
  }

  private void sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    int nameEnd = brace >= 0 && brace < space ? brace : space;
    check(nameEnd > 0, "a sample", line);
    String name = line.substring(0, nameEnd);
    check(METRIC_NAME.matcher(name).matches(), "metric name", line);
    Map<String, String> labels = new TreeMap<>();
    int at = nameEnd;
    if (line.charAt(at) == '{') {
      at++;
      while (line.charAt(at) != '}') {
        int equals = line.indexOf('=', at);
        String label = line.substring(at, equals);
        check(LABEL_NAME.matcher(label).matches() && !label.startsWith("__"), "label name", line);
        check(line.charAt(equals + 1) == '"', "a quoted label value", line);
        StringBuilder value = new StringBuilder();
        at = equals + 2;
        for (char c = line.charAt(at); c != '"'; c = line.charAt(++at)) {
          if (c == '\\') {
            char escaped = line.charAt(++at);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(c);
          }
        }
        check(labels.put(label, value.toString()) == null, "a label once", line);
        at++;
        if (line.charAt(at) == ',') {
          at++;
        }
      }
      at++;
    }
    String[] rest = line.substring(at).trim().split(" ");
    check(rest.length == 1 || rest.length == 2, "a value and an optional timestamp", line);
    double value = Double.parseDouble(rest[0]);
    check(samples.put(new Series(name, labels), value) == null, "each series once", line);
  }

  /** {@return the family a sample belongs to: its name, or without a counter's {@code _total}} */
  String family(String sample) {
    if (!types.containsKey(sample) && sample.endsWith("_total")) {
      return sample.substring(0, sample.length() - "_total".length());
    }
    return sample;
  }

  /**
   * The value of the sample {@code name} with the labels {@code labels} (name, value, …) and any
   * others.
   *
   * @throws AssertionError unless exactly one series matches
   */
  double value(String name, String... labels) {
    List<Double> found = new ArrayList<>();
    samples.forEach((series, value) -> {
      if (series.name().equals(name) && has(series.labels(), labels)) {
        found.add(value);
      }
    });
    check(found.size() == 1, "one series", name + " " + String.join(",", labels) + ": " + found.size());
    return found.get(0);
  }

  private static boolean has(Map<String, String> labels, String... wanted) {
    for (int i = 0; i < wanted.length; i += 2) {
      if (!Objects.equals(labels.get(wanted[i]), wanted[i + 1])) {
        return false;
      }
    }
    return true;
  }

  private static void check(boolean ok, String expected, String line) {
    if (!ok) {
      throw new AssertionError("expected " + expected + ": " + line);
    }
  }
}
