package dev.warden.demo;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A slow, flaky search backend: every request takes 5–25 ms, and fails with a probability that
 * follows a script over the run — healthy, then an outage, then a partial recovery.
 *
 * <p>The outage starts at 30 % of the run and ends at 60 %, but not before a condition the demo
 * supplies holds (that the breaker has refused a call): however slow or loaded the machine, every
 * run then has the breaker open and refuse calls, and the demo's workers go on calling until the
 * backend recovers.
 *
 * <p>It stands for a search vendor's SDK client that the application cannot annotate; it never
 * is. In the demo's unannotated mode the agent guards {@link #search} and {@link #suggest} from
 * the entries of {@code demo/demo-guards.properties} alone.
 *
 * <p>Thread-safe.
 */
final class SimulatedBackend {

  private static final String HEALTHY = "healthy";
  private static final String OUTAGE = "OUTAGE";
  private static final String RECOVERING = "recovering";

  private final long startNanos = System.nanoTime();
  private final long runNanos;
  private final BooleanSupplier outageShown;
  /** Whether the outage is over; once set, never cleared. */
  private volatile boolean recovered;

  /**
   * A backend whose outage spans the middle third of a run of {@code runMillis}, and lasts until
   * {@code outageShown} holds.
   *
   * @param outageShown asked, once the outage has had its scripted time, whether it may end; must
   *     become {@code true} eventually while the outage lasts, and stay so
   */
  SimulatedBackend(long runMillis, BooleanSupplier outageShown) {
    this.runNanos = TimeUnit.MILLISECONDS.toNanos(runMillis);
    this.outageShown = outageShown;
  }

  /** The current phase of the script, for the dashboard. */
  String phase() {
    if (recovered) {
      return RECOVERING;
    }
    double progress = (double) (System.nanoTime() - startNanos) / runNanos;
    if (progress < 0.3) {
      return HEALTHY;
    }
    if (progress < 0.6 || !outageShown.getAsBoolean()) {
      return OUTAGE;
    }
    recovered = true;
    return RECOVERING;
  }

  /** {@return whether the outage is over: the script has run its course} */
  boolean recovering() {
    return phase().equals(RECOVERING);
  }

  List<String> search(String query) throws IOException {
    respondSlowly();
    return List.of(query + " — result 1", query + " — result 2");
  }

  List<String> suggest(String prefix) throws IOException {
    respondSlowly();
    return List.of(prefix + "a", prefix + "e");
  }

  private void respondSlowly() throws IOException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5 + random.nextInt(21)));
    String phase = phase();
    double failureRate = phase.equals(HEALTHY) ? 0.03 : phase.equals(OUTAGE) ? 0.9 : 0.15;
    if (random.nextDouble() < failureRate) {
      throw new IOException("search backend timed out (" + phase + ")");
    }
  }
}
