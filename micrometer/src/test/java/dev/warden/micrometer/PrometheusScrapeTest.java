package dev.warden.micrometer;

import static dev.warden.micrometer.GuardedCalls.call;
import static dev.warden.micrometer.GuardedCalls.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.site.GuardSite;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a Prometheus server would read: the text a {@link PrometheusMeterRegistry} serves after a
 * scripted run, parsed line by line.
 */
class PrometheusScrapeTest {

  @Test
  void aScrapeShowsTheScriptedRunUnderPrometheusNames() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (WardenMetrics metrics = new WardenMetrics(Tags.of("app", "shop"))) {
      metrics.bindTo(registry);
      GuardSite site = GuardSite.forMethod(Fixture.class, "scrape");
      for (int i = 0; i < 7; i++) {
        call(site, () -> "ok");
      }
      for (int i = 0; i < 2; i++) {
        assertThrows(IOException.class, () -> call(site, failing(new IOException())));
      }
      for (int i = 0; i < 3; i++) {
        assertThrows(ThrottledException.class, () -> call(site, () -> "ok"));
      }
      GuardSite.forMethod(Fixture.class, "defaultName");

      Exposition scrape = Exposition.parse(registry.scrape());

      String[] guard = {"app", "shop", "name", "mm.scrape"};
      assertEquals(7, scrape.value("warden_calls_total", with(guard, "outcome", "success")));
      assertEquals(2, scrape.value("warden_calls_total", with(guard, "outcome", "failure")));
      assertEquals(3, scrape.value("warden_calls_total", with(guard, "outcome", "rejected")));
      assertEquals(0, scrape.value("warden_calls_in_flight", guard));
      assertEquals(1, scrape.value("warden_calls_in_flight_peak", guard));
      assertEquals(1, scrape.value("warden_breaker_state", with(guard, "state", "closed")));
      assertEquals(0, scrape.value("warden_breaker_state", with(guard, "state", "open")));
      assertEquals(2, scrape.value("warden_breaker_consecutive_failures", guard));
      assertEquals(0, scrape.value("warden_breaker_transitions_total", with(guard, "to", "open")));
      assertEquals(0, scrape.value("warden_throttle_permits_available", guard));
      scrape.value("warden_rejections_total", with(guard, "kind", "throttled"));
      assertEquals(0, scrape.value("warden_calls_total",
          "name", "dev.warden.micrometer.Fixture#defaultName", "outcome", "success"), "a default name as a label");

      Map<String, String> types = scrape.types;
      Set<String> families = new TreeSet<>();
      scrape.samples.keySet().forEach(series -> families.add(scrape.family(series.name())));
      for (String family : families) {
        assertTrue(types.containsKey(family), "TYPE of " + family);
        assertFalse(scrape.helps.getOrDefault(family, "").isBlank(), "HELP of " + family);
      }
      assertEquals("counter", types.get(scrape.family("warden_calls_total")));
      assertEquals("counter", types.get(scrape.family("warden_rejections_total")));
      assertEquals("counter", types.get(scrape.family("warden_breaker_transitions_total")));
      assertEquals("gauge", types.get(scrape.family("warden_calls_in_flight")));
      assertEquals("gauge", types.get(scrape.family("warden_breaker_state")));
      assertEquals("gauge", types.get(scrape.family("warden_throttle_permits_available")));
    } finally {
      registry.close();
    }
  }

  /** Every kind's series, under the Prometheus names docs/monitoring.md lists, and no other. */
  @Test
  void eachKindsSeriesHaveTheDocumentedNames() {
    for (String method : List.of("script", "bulkhead", "retry", "timeout")) {
      GuardSite.forMethod(Fixture.class, method);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (WardenMetrics metrics = new WardenMetrics()) {
      metrics.bindTo(registry);
      Set<String> names = new TreeSet<>();
      Exposition.parse(registry.scrape()).samples.keySet().forEach(series -> names.add(series.name()));
      Set<String> always = Set.of(
          "warden_calls_total", "warden_calls_in_flight", "warden_calls_in_flight_peak", "warden_rejections_total",
          "warden_breaker_state", "warden_breaker_transitions_total", "warden_breaker_consecutive_failures",
          "warden_throttle_permits_available",
          "warden_bulkhead_slots_available", "warden_bulkhead_slots_max", "warden_bulkhead_waiting",
          "warden_bulkhead_rejections_total",
          "warden_retry_retries_total", "warden_retry_successes_after_retry_total", "warden_retry_exhausted_total",
          "warden_timeouts_total");
      assertTrue(names.containsAll(always), names.toString());
      Set<String> others = new TreeSet<>(names);
      others.removeAll(always);
      others.removeAll(Set.of("warden_calls_latency_seconds", "warden_calls_latency_max_seconds")); // latency on
      assertEquals(Set.of(), others);
    } finally {
      registry.close();
    }
  }

  private static String[] with(String[] tags, String key, String value) {
    String[] all = java.util.Arrays.copyOf(tags, tags.length + 2);
    all[tags.length] = key;
    all[tags.length + 1] = value;
    return all;
  }
}
