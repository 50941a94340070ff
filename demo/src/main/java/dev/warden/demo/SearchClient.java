package dev.warden.demo;

import java.io.IOException;
import java.util.List;

/**
 * What the demo's workers call: the annotated {@link SearchService} (processor and agent modes),
 * or the never-annotated {@link SimulatedBackend} itself (unannotated mode).
 *
 * <p>Implementations are thread-safe.
 */
interface SearchClient {

  /** Search results for {@code query}. */
  List<String> search(String query) throws IOException;

  /** Completions of {@code prefix}. */
  List<String> suggest(String prefix) throws IOException;
}
