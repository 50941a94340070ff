package dev.warden.micrometer;

import static dev.warden.micrometer.GuardedCalls.call;
import static dev.warden.micrometer.GuardedCalls.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import dev.warden.runtime.site.GuardSite;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The meters of {@link WardenMetrics} in a {@link SimpleMeterRegistry}, read after scripted runs
 * of real guarded calls: exact values, guards created after binding, the newest guard of a name,
 * what binding costs a call, tags and closing.
 */
class WardenMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WardenMetrics metrics = new WardenMetrics();

  @AfterEach
  void unbind() {
    metrics.close();
  }

  private double count(String meter, String... tags) {
    return registry.get(meter).tags(tags).functionCounter().count();
  }

  private double gauge(String meter, String... tags) {
    return registry.get(meter).tags(tags).gauge().value();
  }

  @Test
  void aScriptedRunReadsExactlyWhatHappened() throws Exception {
    GuardSite site = GuardSite.forMethod(Fixture.class, "script");
    metrics.bindTo(registry); // the guards exist already: replayed
    for (int i = 0; i < 7; i++) {
      assertEquals("ok", call(site, () -> "ok"));
    }
    for (int i = 0; i < 2; i++) {
      assertThrows(IOException.class, () -> call(site, failing(new IOException())));
    }
    for (int i = 0; i < 3; i++) {
      assertThrows(ThrottledException.class, () -> call(site, () -> "ok"), "burst 9 is used up");
    }

    assertEquals(7, count("warden.calls", "name", "mm.script", "outcome", "success"));
    assertEquals(2, count("warden.calls", "name", "mm.script", "outcome", "failure"));
    assertEquals(3, count("warden.calls", "name", "mm.script", "outcome", "rejected"));
    assertEquals(0, gauge("warden.calls.in.flight", "name", "mm.script"));
    assertEquals(1, gauge("warden.calls.in.flight.peak", "name", "mm.script"));
    assertEquals(3, count("warden.rejections", "name", "mm.script", "kind", "throttled"));
    assertEquals(0, count("warden.rejections", "name", "mm.script", "kind", "breaker"));
    assertEquals(0, count("warden.rejections", "name", "mm.script", "kind", "bulkhead"));

    assertEquals(1, gauge("warden.breaker.state", "name", "mm.script", "state", "closed"));
    assertEquals(0, gauge("warden.breaker.state", "name", "mm.script", "state", "open"));
    assertEquals(0, gauge("warden.breaker.state", "name", "mm.script", "state", "half_open"));
    assertEquals(2, gauge("warden.breaker.consecutive.failures", "name", "mm.script"));
    assertEquals(0, count("warden.breaker.transitions", "name", "mm.script", "to", "open"));
    assertEquals(0, gauge("warden.throttle.permits.available", "name", "mm.script"));
  }

  @Test
  void anOpenedBreakerShowsItsStateAndTransition() throws Exception {
    metrics.bindTo(registry);
    GuardSite site = GuardSite.forMethod(Fixture.class, "opens");
    for (int i = 0; i < 2; i++) {
      assertThrows(IOException.class, () -> call(site, failing(new IOException())));
    }
    assertThrows(CircuitOpenException.class, () -> call(site, () -> "ok"));

    assertEquals(0, gauge("warden.breaker.state", "name", "mm.opens", "state", "closed"));
    assertEquals(1, gauge("warden.breaker.state", "name", "mm.opens", "state", "open"));
    assertEquals(0, gauge("warden.breaker.state", "name", "mm.opens", "state", "half_open"));
    assertEquals(1, count("warden.breaker.transitions", "name", "mm.opens", "to", "open"));
    assertEquals(0, count("warden.breaker.transitions", "name", "mm.opens", "to", "half_open"));
    assertEquals(0, count("warden.breaker.transitions", "name", "mm.opens", "to", "closed"));
    assertEquals(0, gauge("warden.breaker.consecutive.failures", "name", "mm.opens"), "0 while open");
    assertEquals(2, count("warden.calls", "name", "mm.opens", "outcome", "failure"));
    assertEquals(1, count("warden.calls", "name", "mm.opens", "outcome", "rejected"));
  }

  @Test
  void aFullBulkheadShowsItsSlotsAndRejections() throws Exception {
    metrics.bindTo(registry);
    GuardSite site = GuardSite.forMethod(Fixture.class, "bulkhead");
    Object first = site.enter();
    Object second = site.enter();
    try {
      assertThrows(BulkheadFullException.class, () -> call(site, () -> "ok"));
      assertEquals(0, gauge("warden.bulkhead.slots.available", "name", "mm.bulkhead"));
      assertEquals(2, gauge("warden.bulkhead.slots.max", "name", "mm.bulkhead"));
      assertEquals(0, gauge("warden.bulkhead.waiting", "name", "mm.bulkhead"));
      assertEquals(1, count("warden.bulkhead.rejections", "name", "mm.bulkhead"));
      assertEquals(2, gauge("warden.calls.in.flight", "name", "mm.bulkhead"));
      assertEquals(3, gauge("warden.calls.in.flight.peak", "name", "mm.bulkhead"), "the refused call had entered");
    } finally {
      site.returned(first);
      site.returned(second);
    }
    assertEquals(2, gauge("warden.bulkhead.slots.available", "name", "mm.bulkhead"));
    assertEquals(0, gauge("warden.calls.in.flight", "name", "mm.bulkhead"));
    assertEquals(2, count("warden.calls", "name", "mm.bulkhead", "outcome", "success"));
    assertEquals(1, count("warden.calls", "name", "mm.bulkhead", "outcome", "rejected"));
  }

  @Test
  void retriesAreCountedPerAttemptAndPerCall() throws Exception {
    metrics.bindTo(registry);
    GuardSite site = GuardSite.forMethod(Fixture.class, "retry");
    assertEquals("ok", call(site, failing(new IOException("1"), new IOException("2"))));
    assertThrows(IOException.class, () -> call(site, failing(new IOException("1"), new IOException("2"), new IOException("3"))));
    assertEquals("ok", call(site, () -> "ok"));

    assertEquals(4, count("warden.retry.retries", "name", "mm.retry"));
    assertEquals(1, count("warden.retry.successes.after.retry", "name", "mm.retry"));
    assertEquals(1, count("warden.retry.exhausted", "name", "mm.retry"));
    assertEquals(2, count("warden.calls", "name", "mm.retry", "outcome", "success"), "one per call, however many attempts");
    assertEquals(1, count("warden.calls", "name", "mm.retry", "outcome", "failure"));
  }

  @Test
  void aCallOverItsTimeLimitCountsAsATimeoutAndAFailure() throws Exception {
    metrics.bindTo(registry);
    GuardSite site = GuardSite.forMethod(Fixture.class, "timeout");
    assertThrows(CallTimeoutException.class, () -> call(site, () -> {
      Thread.sleep(20); // the limit is 1 ms: late whatever the machine's load
      return "late";
    }));
    assertEquals(1, count("warden.timeouts", "name", "mm.timeout"));
    assertEquals(1, count("warden.calls", "name", "mm.timeout", "outcome", "failure"));
    assertEquals(0, count("warden.calls", "name", "mm.timeout", "outcome", "success"));
  }

  @Test
  void aGuardCreatedAfterBindingGetsItsMeters() throws Exception {
    metrics.bindTo(registry);
    assertTrue(registry.find("warden.calls").tag("name", "mm.late").meters().isEmpty(), "no guard yet");

    GuardSite site = GuardSite.forMethod(Fixture.class, "late");
    assertEquals(3, registry.find("warden.calls").tag("name", "mm.late").meters().size(), "at once, by outcome");
    for (int i = 0; i < 5; i++) {
      call(site, () -> "ok");
    }
    assertThrows(ThrottledException.class, () -> call(site, () -> "ok"));
    assertEquals(5, count("warden.calls", "name", "mm.late", "outcome", "success"));
    assertEquals(1, count("warden.calls", "name", "mm.late", "outcome", "rejected"));
    assertEquals(0, gauge("warden.throttle.permits.available", "name", "mm.late"));
  }

  /** The complete list of each kind's meters (as docs/monitoring.md lists them), and their types. */
  @Test
  void eachKindHasExactlyItsMetersAllReadWhenTheRegistryIsRead() {
    for (String method : List.of("script", "bulkhead", "retry", "timeout")) {
      GuardSite.forMethod(Fixture.class, method);
    }
    metrics.bindTo(registry);

    assertEquals(Set.of(
            "counter warden.calls outcome=failure", "counter warden.calls outcome=rejected",
            "counter warden.calls outcome=success",
            "gauge warden.calls.in.flight", "gauge warden.calls.in.flight.peak",
            "counter warden.rejections kind=breaker", "counter warden.rejections kind=bulkhead",
            "counter warden.rejections kind=throttled",
            "gauge warden.breaker.state state=closed", "gauge warden.breaker.state state=half_open",
            "gauge warden.breaker.state state=open",
            "counter warden.breaker.transitions to=closed", "counter warden.breaker.transitions to=half_open",
            "counter warden.breaker.transitions to=open",
            "gauge warden.breaker.consecutive.failures",
            "gauge warden.throttle.permits.available"),
        metersOf("mm.script"));
    assertEquals(Set.of(
            "gauge warden.bulkhead.slots.available", "gauge warden.bulkhead.slots.max",
            "gauge warden.bulkhead.waiting", "counter warden.bulkhead.rejections"),
        ownKind(metersOf("mm.bulkhead")));
    assertEquals(Set.of(
            "counter warden.retry.retries", "counter warden.retry.successes.after.retry",
            "counter warden.retry.exhausted"),
        ownKind(metersOf("mm.retry")));
    assertEquals(Set.of("counter warden.timeouts"), ownKind(metersOf("mm.timeout")));

    for (Meter meter : registry.getMeters()) {
      assertTrue(meter instanceof FunctionCounter || meter instanceof Gauge,
          meter.getId() + " reads the guard when the registry is read");
      assertEquals(meter instanceof TimeGauge, meter.getId().getName().startsWith("warden.calls.latency"),
          meter.getId() + ": only latency is a time");
    }
  }

  @Test
  void aGuardWithoutLatencyHasNoLatencyMeters() {
    GuardSite.forMethod(Fixture.class, "script");
    metrics.bindTo(registry);
    assertTrue(Warden.callStats("mm.script").orElseThrow().latency().isEmpty());
    assertTrue(registry.find("warden.calls.latency").tag("name", "mm.script").meters().isEmpty());
    assertTrue(registry.find("warden.calls.latency.max").tag("name", "mm.script").meters().isEmpty());
  }

  /**
   * Latency on ({@code warden.<name>.latency=true}): three time gauges of quantiles and one of the
   * longest call over the last minute. One call that sleeps 20 ms: the longest took at least
   * that, and every quantile (of that one call) more than half of it, whatever the histogram's
   * precision.
   */
  @Test
  void latencyOnPublishesQuantilesAndTheLongestCallOfTheLastMinute() throws Exception {
    System.setProperty("warden.mm.latency.latency", "true");
    GuardSite site;
    try {
      site = GuardSite.forMethod(Fixture.class, "latency");
    } finally {
      System.clearProperty("warden.mm.latency.latency");
    }
    metrics.bindTo(registry);
    call(site, () -> {
      Thread.sleep(20);
      return "ok";
    });

    Set<String> quantiles = new TreeSet<>();
    for (TimeGauge quantile : registry.find("warden.calls.latency").tag("name", "mm.latency").timeGauges()) {
      quantiles.add(quantile.getId().getTag("quantile"));
      assertTrue(quantile.value(TimeUnit.SECONDS) > 0.010, quantile.getId() + ": " + quantile.value(TimeUnit.SECONDS));
    }
    assertEquals(Set.of("0.5", "0.99", "0.999"), quantiles);
    TimeGauge max = registry.get("warden.calls.latency.max").tag("name", "mm.latency").timeGauge();
    assertTrue(max.value(TimeUnit.SECONDS) >= 0.020, max.value(TimeUnit.SECONDS) + " s");
  }

  /** Binding adds nothing to a call: a guarded call allocates 0 bytes with the registry bound and read. */
  @Test
  void bindingAddsNothingToAGuardedCall() throws Exception {
    GuardSite site = GuardSite.forMethod(Fixture.class, "zeroBytes");
    metrics.bindTo(registry);
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      registry.getMeters().forEach(Meter::measure); // the registry is read between rounds
      long before = allocatedBytes();
      for (int i = 0; i < 100_000; i++) {
        Object permit = site.enter();
        if (site.returned(permit) != null) {
          throw new AssertionError("no retry");
        }
      }
      least = Math.min(least, allocatedBytes() - before);
    }
    long empty = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = allocatedBytes();
      empty = Math.min(empty, allocatedBytes() - before);
    }
    assertEquals(0, least - empty, "bytes per 100,000 calls, less what reading the count allocates");
    assertEquals(500_000, count("warden.calls", "name", "mm.zeroBytes", "outcome", "success"));
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  void extraTagsAreOnEveryMeter() {
    GuardSite.forMethod(Fixture.class, "script");
    WardenMetrics tagged = new WardenMetrics(Tags.of("app", "shop", "region", "eu"));
    try {
      tagged.bindTo(registry);
      assertTrue(registry.getMeters().size() >= 16);
      for (Meter meter : registry.getMeters()) {
        assertEquals("shop", meter.getId().getTag("app"), meter.getId().toString());
        assertEquals("eu", meter.getId().getTag("region"), meter.getId().toString());
      }
    } finally {
      tagged.close();
    }
  }

  @Test
  void anExtraTagWithAKeyOfWardensOwnIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new WardenMetrics(List.of(Tag.of("app", "shop"), Tag.of("outcome", "x"))));
    assertEquals("extra tag 'outcome=x' uses a key of Warden's own meters; reserved: name, outcome, kind, state, to, quantile",
        e.getMessage());
    assertEquals("extraTags", assertThrows(NullPointerException.class, () -> new WardenMetrics(null)).getMessage());
    assertEquals("registry", assertThrows(NullPointerException.class, () -> metrics.bindTo(null)).getMessage());
  }

  @Test
  void closingRemovesTheMetersAndStopsPublishing() {
    GuardSite.forMethod(Fixture.class, "script");
    metrics.bindTo(registry);
    assertTrue(registry.getMeters().size() >= 16);
    metrics.close();
    assertEquals(List.of(), registry.getMeters());
    GuardSite.forMethod(Fixture.class, "closed");
    assertEquals(List.of(), registry.getMeters(), "a guard created after closing");
  }

  /**
   * A redeploy with another configuration makes a new guard of the name: the meters read it (its
   * counters add to what the old guard had counted), and the old guard is collected although the meters that read it
   * are still registered.
   */
  @Test
  void aRedeployedGuardIsReadAndTheOldOneIsCollected() throws Exception {
    metrics.bindTo(registry);
    WeakReference<CircuitBreaker> old = openInAnotherDeployment();
    assertEquals(1, gauge("warden.breaker.state", "name", "mm.redeploy", "state", "open"));
    assertEquals(1, count("warden.breaker.transitions", "name", "mm.redeploy", "to", "open"));

    System.setProperty("warden.mm.redeploy.failureThreshold", "2");
    GuardSite redeployed;
    try {
      redeployed = GuardSite.forMethod(CopiedClass.of(Fixture.class), "redeploy");
    } finally {
      System.clearProperty("warden.mm.redeploy.failureThreshold");
    }
    CircuitBreaker newest = Warden.breaker("mm.redeploy").orElseThrow();
    assertNotSame(old.get(), newest);
    assertEquals(2, newest.config().failureThreshold());
    assertEquals(1, gauge("warden.breaker.state", "name", "mm.redeploy", "state", "closed"), "the newest guard");
    assertEquals(0, gauge("warden.breaker.state", "name", "mm.redeploy", "state", "open"));
    assertEquals(1, count("warden.breaker.transitions", "name", "mm.redeploy", "to", "open"),
        "no counter reset: the old guard's opening still counts");
    assertEquals(3, registry.find("warden.breaker.state").tag("name", "mm.redeploy").meters().size(), "no second set");
    for (int i = 0; i < 2; i++) {
      assertThrows(IOException.class, () -> call(redeployed, failing(new IOException())));
    }
    assertEquals(2, count("warden.breaker.transitions", "name", "mm.redeploy", "to", "open"), "the new guard's opening adds");

    assertNull(collected(old), "the old deployment's breaker was collected");
    assertInstanceOf(GuardSite.class, redeployed); // the new deployment lives on
  }

  /** Opens the breaker of a deployment of its own; keeps nothing of it but a weak reference to the breaker. */
  private static WeakReference<CircuitBreaker> openInAnotherDeployment() throws Exception {
    GuardSite site = GuardSite.forMethod(CopiedClass.of(Fixture.class), "redeploy");
    assertThrows(IOException.class, () -> call(site, failing(new IOException())));
    CircuitBreaker breaker = Warden.breaker("mm.redeploy").orElseThrow();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    return new WeakReference<>(breaker);
  }

  private static <T> T collected(WeakReference<T> reference) {
    List<byte[]> pressure = new ArrayList<>();
    for (int attempt = 0; attempt < 50 && reference.get() != null; attempt++) {
      pressure.add(new byte[1 << 20]);
      System.gc();
      if (pressure.size() > 8) {
        pressure.clear();
      }
    }
    return reference.get();
  }

  /** The meters of guard {@code name}: type, meter name and the tags other than {@code name}. */
  private Set<String> metersOf(String name) {
    Set<String> meters = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      if (!name.equals(meter.getId().getTag("name"))) {
        continue;
      }
      StringBuilder line = new StringBuilder(meter instanceof FunctionCounter ? "counter " : "gauge ")
          .append(meter.getId().getName());
      for (Tag tag : meter.getId().getTags()) {
        if (!tag.getKey().equals("name")) {
          line.append(' ').append(tag.getKey()).append('=').append(tag.getValue());
        }
      }
      meters.add(line.toString());
    }
    return meters;
  }

  /** {@code meters} without those of the method's {@code @CountCalls} guard. */
  private static Set<String> ownKind(Set<String> meters) {
    Set<String> kept = new TreeSet<>(meters);
    kept.removeIf(line -> line.contains(" warden.calls") || line.contains(" warden.rejections "));
    return kept;
  }
}
