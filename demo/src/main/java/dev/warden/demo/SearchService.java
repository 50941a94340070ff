package dev.warden.demo;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import java.io.IOException;
import java.util.List;

/**
 * The guarded search client of the demo. {@link #search} is rate-limited (waiting briefly for a
 * token), protected by a circuit breaker that answers from a cache while open, and counted;
 * {@link #suggest} is rate-limited without waiting and counted.
 *
 * <p>Thread-safe.
 */
public class SearchService implements SearchClient {

  private final SimulatedBackend backend;

  SearchService(SimulatedBackend backend) {
    this.backend = backend;
  }

  /** Search results for {@code query}; cached results while the circuit is open. */
  @Override
  @CountCalls
  @Breaker(failureThreshold = 5, cooldownMillis = 1_000, halfOpenCalls = 2, fallback = "cachedResults")
  @Throttled(callsPerSecond = 60, burst = 10, maxWaitMillis = 20, fallback = "tryLater")
  public List<String> search(String query) throws IOException {
    return backend.search(query);
  }

  List<String> cachedResults(String query, Throwable rejection) {
    return List.of("(cached) " + query);
  }

  List<String> tryLater(String query) {
    return List.of("(busy, try later) " + query);
  }

  /** Completions of {@code prefix}; none when over the rate. */
  @Override
  @CountCalls
  @Throttled(callsPerSecond = 30, burst = 5, maxWaitMillis = 0, fallback = "noSuggestions")
  public List<String> suggest(String prefix) throws IOException {
    return backend.suggest(prefix);
  }

  List<String> noSuggestions(String prefix) {
    return List.of();
  }
}
