package dev.warden.micrometer;

import dev.warden.runtime.Warden;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publishes the meters of every Warden guard in a Micrometer {@link MeterRegistry}: those that
 * exist when it is bound and every one created later (see docs/monitoring.md for the list).
 *
 * <p>Every meter is function-based ({@code FunctionCounter}, {@code Gauge}, {@code TimeGauge}): it
 * reads the newest guard of its name through {@link Warden} when the registry is read, so binding
 * adds nothing to a guarded call. Meters hold a guard's name, never the guard: a guard replaced by
 * a redeploy stays collectable, and its meters read the new guard; counters add the new guard's
 * counts to what the old one had counted, so they never go down.
 *
 * <p>Each {@link #bindTo} adds a guard listener ({@link Warden#addGuardListener}), which the
 * runtime holds strongly, and with it this binder and the registry, until {@link #close()}. Bind
 * one instance once per registry. Spring calls {@code close()} when its context closes.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * MeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * new WardenMetrics(Tags.of("app", "shop")).bindTo(registry);
 * }</pre>
 */
public final class WardenMetrics implements MeterBinder, AutoCloseable {

  private final Tags common;
  private final List<Binding> bindings = new CopyOnWriteArrayList<>();

  /** A binder whose meters carry only Warden's own tags. */
  public WardenMetrics() {
    this(Tags.empty());
  }

  /**
   * A binder that adds {@code extraTags} to every meter.
   *
   * @param extraTags tags for every meter, e.g. the application's name
   * @throws IllegalArgumentException if a tag's key is one of Warden's own: {@code name}, {@code
   *     outcome}, {@code kind}, {@code state}, {@code to} or {@code quantile}
   * @throws NullPointerException if {@code extraTags} is null
   */
  public WardenMetrics(Iterable<Tag> extraTags) {
    Tags tags = Tags.of(Objects.requireNonNull(extraTags, "extraTags"));
    for (Tag tag : tags) {
      if (GuardMeters.TAG_KEYS.contains(tag.getKey())) {
        throw new IllegalArgumentException("extra tag '" + tag.getKey() + "=" + tag.getValue()
            + "' uses a key of Warden's own meters; reserved: " + String.join(", ", GuardMeters.TAG_KEYS));
      }
    }
    this.common = tags;
  }

  /**
   * Registers the meters of every guard in {@code registry} now, and of every guard created from
   * now on until {@link #close()}.
   *
   * @param registry the registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Binding binding = new Binding(Objects.requireNonNull(registry, "registry"), common);
    bindings.add(binding);
    Warden.addGuardListener(binding);
  }

  /** Stops publishing new guards and removes every meter this binder registered, from every registry. */
  @Override
  public void close() {
    for (Binding binding : bindings) {
      binding.close();
      bindings.remove(binding);
    }
  }
}
