package dev.warden.micrometer;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.Guard;
import dev.warden.runtime.GuardListener;
import dev.warden.runtime.Warden;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.Set;

/**
 * One {@link WardenMetrics#bindTo} of one registry: told of every guard, it registers the meters of
 * each name and kind once (a newer guard of a name is read by the meters already there; the
 * registry keeps one meter per name and tags).
 *
 * <p>Thread-safe: {@link #guardCreated} and {@link #close} exclude each other.
 */
final class Binding implements GuardListener {

  private final GuardMeters meters;
  /** Guarded by {@code this}: the kinds and names whose meters are registered. */
  private final Set<String> bound = new HashSet<>();
  /** Guarded by {@code this}. */
  private boolean closed;

  Binding(MeterRegistry registry, Tags common) {
    this.meters = new GuardMeters(registry, common);
  }

  @Override
  public synchronized void guardCreated(Guard guard) {
    if (!closed && bound.add(key(guard))) {
      meters.register(guard);
    }
  }

  /**
   * What is registered once: the kind and name, and for call statistics whether latency is on, so
   * that a newer guard with latency on (a redeploy) adds the latency meters.
   */
  private static String key(Guard guard) {
    boolean latency = guard instanceof CallStats && ((CallStats) guard).measuresLatency();
    return guard.getClass().getSimpleName() + (latency ? " with latency " : " ") + guard.name();
  }

  /** Stops listening and removes the meters this binding registered. */
  synchronized void close() {
    if (!closed) {
      closed = true;
      Warden.removeGuardListener(this);
      meters.removeAll();
    }
  }
}
