package dev.warden.micrometer;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What one meter reads: a number of the newest guard of one name and kind, looked up in the
 * registry at each read. It holds the name, never the guard, so a guard of a dead class loader
 * stays collectable and a newer guard of the name is read as soon as it exists.
 *
 * <p>Thread-safe: a registry may read it from any thread.
 *
 * @param <G> the guard's type
 */
final class Reading<G> {

  private final String name;
  private final Function<String, Optional<G>> lookup;
  private final ToDoubleFunction<G> value;
  /** A counter's last value, kept while no guard of the name can be found. */
  private volatile double last;

  Reading(String name, Function<String, Optional<G>> lookup, ToDoubleFunction<G> value) {
    this.name = name;
    this.lookup = lookup;
    this.value = value;
  }

  /** {@return the value now, or NaN if there is no guard of the name} */
  double gauge() {
    Optional<G> guard = lookup.apply(name);
    return guard.isPresent() ? value.applyAsDouble(guard.get()) : Double.NaN;
  }

  /** {@return the value now, or the last value read if there is no guard of the name (0 before any)} */
  double counter() {
    Optional<G> guard = lookup.apply(name);
    if (guard.isPresent()) {
      last = value.applyAsDouble(guard.get());
    }
    return last;
  }
}
