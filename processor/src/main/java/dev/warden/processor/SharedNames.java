package dev.warden.processor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detects declarations that share a guard name (explicit, or the default
 * {@code <class>#<method>} of overloads) but disagree on configuration, by the shared {@link
 * dev.warden.runtime.rules.SharedNames} rule. Lives for one round.
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
    String explicit = d.rules().name();
    String name = explicit.isEmpty() ? method : explicit;
    First first = firsts.putIfAbsent(d.kind() + ":" + name, new First(d, method));
    if (first == null || first.declaration().equals(d)) {
      return;
    }
    String conflict = dev.warden.runtime.rules.SharedNames.conflict(
        d.rules(), method, first.declaration().rules(), first.method(), name);
    if (conflict != null && reported.add(List.of(d, name))) {
      reporter.error(d, "name", conflict);
    }
  }
}
