package dev.warden.micrometer;

import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.Guard;
import dev.warden.runtime.LatencySnapshot;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.Warden;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The meters of each kind of guard, registered in one registry. Every meter is function-based: it
 * reads the newest guard of its name through {@link Warden} when the registry is read ({@link
 * Reading}); the state gauges of a breaker and the latency gauges of call statistics share one
 * reading per scrape ({@link SharedReading}).
 *
 * <p>Not thread-safe: its {@link Binding} calls it one call at a time.
 */
final class GuardMeters {

  /** The tag keys of Warden's meters, which common tags may not use. */
  static final List<String> TAG_KEYS = List.of("name", "outcome", "kind", "state", "to", "quantile");

  private final MeterRegistry registry;
  private final Tags common;
  /** Every meter registered here, to remove them again. */
  private final List<Meter> meters = new ArrayList<>();
  /**
   * What the meters read ({@link Reading}s, {@link SharedReading.Member}s): a registry holds these
   * weakly, so they are kept here.
   */
  private final List<Object> readings = new ArrayList<>();

  GuardMeters(MeterRegistry registry, Tags common) {
    this.registry = registry;
    this.common = common;
  }

  /** Registers the meters of {@code guard}'s name and kind. */
  void register(Guard guard) {
    String name = guard.name();
    if (guard instanceof CallStats) {
      callStats(name, ((CallStats) guard).measuresLatency());
    } else if (guard instanceof CircuitBreaker) {
      breaker(name);
    } else if (guard instanceof RateLimiter) {
      gauge("warden.throttle.permits.available", "Permits a @Throttled guard could hand out now without waiting",
          name, Warden::rateLimiter, RateLimiter::availablePermits);
    } else if (guard instanceof ConcurrencyLimiter) {
      bulkhead(name);
    } else if (guard instanceof TimeoutStats) {
      counter("warden.timeouts", "Calls of a @Timeout guard that ran over the time limit (each attempt under @Retry)",
          name, Warden::timeout, TimeoutStats::timeouts);
    } else if (guard instanceof RetryStats) {
      retry(name);
    }
  }

  /** Removes every meter registered here from the registry. */
  void removeAll() {
    meters.forEach(registry::remove);
    meters.clear();
    readings.clear();
  }

  private void callStats(String name, boolean latency) {
    Function<String, Optional<CallStats>> find = Warden::callStats;
    String calls = "Calls of a @CountCalls guard that ended, by outcome";
    counter("warden.calls", calls, name, find, CallStats::successes, "outcome", "success");
    counter("warden.calls", calls, name, find, CallStats::failures, "outcome", "failure");
    counter("warden.calls", calls, name, find, CallStats::rejections, "outcome", "rejected");
    gauge("warden.calls.in.flight", "Calls of a @CountCalls guard running now", name, find, CallStats::inFlight);
    gauge("warden.calls.in.flight.peak", "Most calls of a @CountCalls guard ever running at once",
        name, find, CallStats::peakInFlight);
    String rejections = "Calls of a @CountCalls guard refused by another guard of the method, by the refusing guard";
    counter("warden.rejections", rejections, name, find, s -> s.rejections(ThrottledException.class), "kind", "throttled");
    counter("warden.rejections", rejections, name, find, s -> s.rejections(CircuitOpenException.class), "kind", "breaker");
    counter("warden.rejections", rejections, name, find, s -> s.rejections(BulkheadFullException.class), "kind", "bulkhead");
    if (latency) {
      SharedReading<CallStats, Optional<LatencySnapshot>> recent =
          shared(name, find, s -> s.latency().map(LatencySnapshot::recent));
      String quantile = "Latency quantile of the calls of a @CountCalls guard over the last minute";
      latency("warden.calls.latency", quantile, name, recent, LatencySnapshot::p50Nanos, "quantile", "0.5");
      latency("warden.calls.latency", quantile, name, recent, LatencySnapshot::p99Nanos, "quantile", "0.99");
      latency("warden.calls.latency", quantile, name, recent, LatencySnapshot::p999Nanos, "quantile", "0.999");
      latency("warden.calls.latency.max", "Longest call of a @CountCalls guard over the last minute",
          name, recent, LatencySnapshot::maxNanos);
    }
  }

  private void breaker(String name) {
    Function<String, Optional<CircuitBreaker>> find = Warden::breaker;
    SharedReading<CircuitBreaker, CircuitBreaker.State> states = shared(name, find, CircuitBreaker::state);
    for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
      String tag = state.name().toLowerCase(Locale.ROOT);
      SharedReading.Member<CircuitBreaker.State> inState = keep(states.member(s -> s == state ? 1 : 0));
      meters.add(Gauge.builder("warden.breaker.state", inState, SharedReading.Member::gauge)
          .description("1 for the state a @Breaker guard is in, 0 for the others")
          .tags(common).tag("name", name).tag("state", tag).register(registry));
      counter("warden.breaker.transitions", "Times a @Breaker guard entered a state",
          name, find, b -> b.transitions(state), "to", tag);
    }
    gauge("warden.breaker.consecutive.failures", "Failures a closed @Breaker guard has counted in a row",
        name, find, CircuitBreaker::consecutiveFailures);
  }

  private void bulkhead(String name) {
    Function<String, Optional<ConcurrencyLimiter>> find = Warden::bulkhead;
    gauge("warden.bulkhead.slots.available", "Free slots of a @Bulkhead guard now (0 while calls wait)",
        name, find, ConcurrencyLimiter::available);
    gauge("warden.bulkhead.slots.max", "Calls a @Bulkhead guard lets run at once",
        name, find, ConcurrencyLimiter::maxConcurrent);
    gauge("warden.bulkhead.waiting", "Calls waiting for a slot of a @Bulkhead guard now",
        name, find, ConcurrencyLimiter::waiting);
    counter("warden.bulkhead.rejections", "Calls a @Bulkhead guard refused for want of a slot",
        name, find, ConcurrencyLimiter::rejections);
  }

  private void retry(String name) {
    Function<String, Optional<RetryStats>> find = Warden::retry;
    counter("warden.retry.retries", "Attempts after the first that a @Retry guard started",
        name, find, RetryStats::retries);
    counter("warden.retry.successes.after.retry", "Calls of a @Retry guard that succeeded at a later attempt",
        name, find, RetryStats::successesAfterRetry);
    counter("warden.retry.exhausted", "Calls of a @Retry guard whose last attempt failed with every attempt used",
        name, find, RetryStats::exhausted);
  }

  private <G> void counter(String meter, String help, String name, Function<String, Optional<G>> find,
      ToDoubleFunction<G> value, String... tags) {
    Reading<G> reading = keep(new Reading<>(name, find, value));
    meters.add(FunctionCounter.builder(meter, reading, Reading::counter)
        .description(help).tags(common).tag("name", name).tags(tags).register(registry));
  }

  private <G> void gauge(String meter, String help, String name, Function<String, Optional<G>> find,
      ToDoubleFunction<G> value, String... tags) {
    Reading<G> reading = keep(new Reading<>(name, find, value));
    meters.add(Gauge.builder(meter, reading, Reading::gauge)
        .description(help).tags(common).tag("name", name).tags(tags).register(registry));
  }

  /**
   * A time gauge of the last minute's latency, NaN while that minute had no call; the latency gauges
   * of a name share one snapshot per scrape.
   */
  private void latency(String meter, String help, String name, SharedReading<CallStats, Optional<LatencySnapshot>> recent,
      ToDoubleFunction<LatencySnapshot> nanos, String... tags) {
    SharedReading.Member<Optional<LatencySnapshot>> member = keep(recent.member(window -> window
        .filter(w -> w.count() > 0)
        .map(nanos::applyAsDouble)
        .orElse(Double.NaN)));
    meters.add(TimeGauge.builder(meter, member, TimeUnit.NANOSECONDS, SharedReading.Member::gauge)
        .description(help).tags(common).tag("name", name).tags(tags).register(registry));
  }

  /** A reading of the guard named {@code name} shared by the meters of a group, on the registry's clock. */
  private <G, T> SharedReading<G, T> shared(String name, Function<String, Optional<G>> find, Function<G, T> read) {
    return new SharedReading<>(name, find, read, registry.config().clock());
  }

  private <R> R keep(R reading) {
    readings.add(reading);
    return reading;
  }
}
