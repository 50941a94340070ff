package dev.warden.micrometer;

import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What one meter reads: a number of the newest guard of one name and kind, looked up in the
 * registry at each read. It holds the name, and the guard it last read only weakly, so a guard of a
 * dead class loader stays collectable and a newer guard of the name is read as soon as it exists.
 *
 * <p>A counter stays monotonic across guards: when the newest guard of the name is another one
 * than at the last read (a redeploy made a new guard, whose counts start at 0), the last value read
 * of the previous guard is added to an offset, and the counter reads offset plus the new guard's
 * value. So a step registry (which publishes the difference of two readings) never publishes a
 * negative count; what the previous guard counted after its last read is not published.
 *
 * <p>Thread-safe: a registry may read it from any thread. A counter's read is one short {@code
 * synchronized} block on the reading itself (on the registry's read path only, never on a call's).
 *
 * @param <G> the guard's type
 */
final class Reading<G> {

  private static final WeakReference<Object> NONE = new WeakReference<>(null);

  private final String name;
  private final Function<String, Optional<G>> lookup;
  private final ToDoubleFunction<G> value;
  /** Guarded by {@code this}: the guard a counter last read, weakly. */
  private WeakReference<?> guardRead = NONE;
  /** Guarded by {@code this}: the value a counter last read of {@link #guardRead}. */
  private double last;
  /** Guarded by {@code this}: what the counter's earlier guards had counted at their last read. */
  private double offset;

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

  /**
   * {@return the counts of every guard of the name this counter has read: the newest's now, plus
   * what each earlier one had counted at its last read (0 before any guard; unchanged while no guard
   * of the name can be found)}
   */
  synchronized double counter() {
    Optional<G> found = lookup.apply(name);
    if (found.isPresent()) {
      G guard = found.get();
      if (guardRead.get() != guard) {
        offset += last;
        guardRead = new WeakReference<>(guard);
      }
      last = value.applyAsDouble(guard);
    }
    return offset + last;
  }
}
