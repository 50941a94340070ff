package dev.warden.micrometer;

import io.micrometer.core.instrument.Clock;
import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One reading of the newest guard of a name, shared by a group of meters that a registry reads one
 * after another: the three state gauges of a breaker (so that one scrape shows exactly one state at
 * 1), the four latency gauges of call statistics (so that one scrape takes one latency snapshot, and
 * its quantiles and maximum agree).
 *
 * <p>A registry gives no signal when a scrape begins, so a reading is taken anew when a meter of the
 * group is read and (a) that meter has already been served the current reading (a new scrape), (b)
 * the newest guard of the name is another one, or (c) the reading is older than {@link
 * #MAX_AGE_NANOS} on the registry's clock. A scrape that reads each meter once thus reads the guard
 * once; a meter read on its own is never more than {@link #MAX_AGE_NANOS} behind. The guard is held
 * only weakly; the reading itself is a value of the runtime's ({@code State}, {@code LatencySnapshot}).
 *
 * <p>Thread-safe: one short {@code synchronized} block on this object per meter read, on the
 * registry's read path only, never on a call's.
 *
 * @param <G> the guard's type
 * @param <T> the reading's type
 */
final class SharedReading<G, T> {

  /** The longest a reading is served to the other meters of its group. */
  static final long MAX_AGE_NANOS = 1_000_000_000L;

  private final String name;
  private final Function<String, Optional<G>> lookup;
  private final Function<G, T> read;
  private final Clock clock;
  /** Guarded by {@code this}: the guard of the current reading, weakly. */
  private WeakReference<G> guardRead = new WeakReference<>(null);
  /** Guarded by {@code this}. */
  private T reading;
  /** Guarded by {@code this}: the registry clock's monotonic time when {@link #reading} was taken. */
  private long takenAt;
  /** Guarded by {@code this}: one bit per meter served {@link #reading}. */
  private int served;
  /** The meters made so far, each with its own bit; written while they are registered. */
  private int members;

  SharedReading(String name, Function<String, Optional<G>> lookup, Function<G, T> read, Clock clock) {
    this.name = name;
    this.lookup = lookup;
    this.read = read;
    this.clock = clock;
  }

  /**
   * {@return what one meter of the group reads} Called while the group's meters are registered, by
   * one thread, at most 32 times (a group has at most four meters).
   *
   * @param value the meter's number of the reading
   */
  Member<T> member(ToDoubleFunction<T> value) {
    return new Member<>(this, 1 << members++, value);
  }

  /** {@return the reading for the meter of bit {@code member}, or empty if there is no guard of the name} */
  private synchronized Optional<T> readingFor(int member) {
    Optional<G> found = lookup.apply(name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    G guard = found.get();
    long now = clock.monotonicTime();
    if ((served & member) != 0 || guardRead.get() != guard || now - takenAt > MAX_AGE_NANOS) {
      reading = read.apply(guard);
      guardRead = new WeakReference<>(guard);
      takenAt = now;
      served = 0;
    }
    served |= member;
    return Optional.of(reading);
  }

  /**
   * What one meter of the group reads.
   *
   * <p>Thread-safe.
   *
   * @param <T> the reading's type
   */
  static final class Member<T> {
    private final SharedReading<?, T> shared;
    private final int bit;
    private final ToDoubleFunction<T> value;

    private Member(SharedReading<?, T> shared, int bit, ToDoubleFunction<T> value) {
      this.shared = shared;
      this.bit = bit;
      this.value = value;
    }

    /** {@return the meter's value, or NaN if there is no guard of the name} */
    double gauge() {
      Optional<T> reading = shared.readingFor(bit);
      return reading.isPresent() ? value.applyAsDouble(reading.get()) : Double.NaN;
    }
  }
}
