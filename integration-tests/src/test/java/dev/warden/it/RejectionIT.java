package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.breaker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.GuardedQuotes;
import dev.warden.it.fixtures.Quotes;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ThrottledException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Rejections as the application sees them: a {@code CompletableFuture} subclass method rejected
 * by an open breaker gets a failed instance of its own type (Defect 11), and a rejection carries
 * no stack trace unless {@code warden.rejections.stackTrace=true}.
 */
class RejectionIT {

  private final Quotes quotes = Mode.current().processor() ? new GuardedQuotes() : new Quotes();

  @Test
  void anOpenBreakerRejectsAFutureSubclassMethodWithAFailedInstanceOfTheSubclass() {
    Quotes.QuoteFuture<String> failed = quotes.quote("ACME");
    assertInstanceOf(IOException.class, assertThrows(CompletionException.class, failed::join).getCause());
    assertEquals(CircuitBreaker.State.OPEN, breaker(FIXTURES + "Quotes#quote").state());

    Object rejected = quotes.quote("ACME");
    Quotes.QuoteFuture<?> stage = assertInstanceOf(Quotes.QuoteFuture.class, rejected);
    CircuitOpenException open =
        assertInstanceOf(CircuitOpenException.class, assertThrows(CompletionException.class, stage::join).getCause());
    assertEquals(0, open.getStackTrace().length, "no stack trace by default");
  }

  @Test
  void aRejectionCarriesNoStackTrace() {
    assertEquals("ACME=1", quotes.price("ACME"));
    ThrottledException e = assertThrows(ThrottledException.class, () -> quotes.price("ACME"));
    assertEquals(0, e.getStackTrace().length);
    assertTrue(e.getMessage().contains(FIXTURES + "Quotes#price"), e.getMessage());
  }
}
