package dev.warden.demo;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A slow, flaky search backend: every request takes 5–25 ms, and fails with a probability that
 * follows a script over the run — healthy, then an outage, then a partial recovery.
 *
 * <p>It stands for a search vendor's SDK client that the application cannot annotate; it never
 * is. In the demo's unannotated mode the agent guards {@link #search} and {@link #suggest} from
 * the entries of {@code demo/demo-guards.properties} alone.
 *
 * <p>Thread-safe.
 */
final class SimulatedBackend {

  private final long startNanos = System.nanoTime();
  private final long runNanos;

  /** A backend whose outage spans the middle third of a run of {@code runMillis}. */
  SimulatedBackend(long runMillis) {
    this.runNanos = TimeUnit.MILLISECONDS.toNanos(runMillis);
  }

  /** The current phase of the script, for the dashboard. */
  String phase() {
    double progress = (double) (System.nanoTime() - startNanos) / runNanos;
    return progress < 0.3 ? "healthy" : progress < 0.6 ? "OUTAGE" : "recovering";
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
    double failureRate = phase.equals("healthy") ? 0.03 : phase.equals("OUTAGE") ? 0.9 : 0.15;
    if (random.nextDouble() < failureRate) {
      throw new IOException("search backend timed out (" + phase + ")");
    }
  }
}
