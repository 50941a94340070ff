package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.it.fixtures.QuoteBoard;
import org.junit.jupiter.api.Test;

/** Fallbacks whose shape once defeated their resolution or invocation. */
class FallbackIT {

  /** Defect 2: a varargs fallback receives the array (every rejected call threw ClassCastException). */
  @Test
  void aVarargsFallbackReceivesTheArray() {
    QuoteBoard board = Mode.current().fixtures().quoteBoard();
    assertEquals("live ACME,INIT", board.quotes("ACME", "INIT"));
    assertEquals("cached 3", board.quotes("ACME", "INIT", "WARD"));
    assertEquals(1, stats(FIXTURES + "QuoteBoard#quotes").rejections());
  }

  /** Defect 3: {@code String get()} is the fallback, not its bridge twin {@code Object get()}. */
  @Test
  void aFallbackWithABridgeTwinIsAccepted() {
    QuoteBoard board = Mode.current().fixtures().quoteBoard();
    assertEquals("fresh quote", board.latest());
    assertEquals("stale quote", board.latest());
    assertEquals(1, stats(FIXTURES + "QuoteBoard#latest").rejections());
  }
}
