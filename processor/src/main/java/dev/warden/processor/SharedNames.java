package dev.warden.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detects declarations that share a guard name (explicit, or the default
 * {@code <class>#<method>} of overloads) but disagree on configuration. Lives for one round.
 */
final class SharedNames {

  private record First(Declaration declaration, String method) {}

  private final Reporter reporter;
  private final Map<String, First> firsts = new HashMap<>();
  private final Set<List<Object>> reported = new HashSet<>();

  SharedNames(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Records that {@code d} guards {@code method} (display name {@code <class>#<method>}) and
   * reports an error if an earlier declaration with the same guard name has another configuration.
   */
  void check(Declaration d, String method) {
    if (d.kind().configAttributes().isEmpty()) {
      return;
    }
    String explicit = d.string("name");
    String name = explicit.isEmpty() ? method : explicit;
    First first = firsts.putIfAbsent(d.kind() + ":" + name, new First(d, method));
    if (first == null || first.declaration() == d) {
      return;
    }
    List<String> differences = new ArrayList<>();
    for (String attribute : d.kind().configAttributes()) {
      Object mine = d.value(attribute);
      Object theirs = first.declaration().value(attribute);
      if (!mine.equals(theirs)) {
        differences.add(attribute + "=" + mine + " vs " + theirs);
      }
    }
    if (!differences.isEmpty() && reported.add(List.of(d, name))) {
      reporter.error(d, "name",
          d.kind().display() + "(name=\"" + name + "\") on " + method + " shares its guard with "
              + first.method() + " but has a different configuration (" + String.join(", ", differences)
              + "): declarations sharing a name must agree");
    }
  }
}
