package com.example.app.service;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import java.util.concurrent.CompletableFuture;

/**
 * The guarded service, in a package its module neither exports nor opens. Built with the
 * processor, {@link #create()} returns the generated {@code GuardedQuotes}; run under the agent,
 * this class itself is woven.
 */
public class Quotes {

  /** A stage type of the application's own, made by the runtime for a rejected call. */
  public static final class QuoteFuture<T> extends CompletableFuture<T> {
    public QuoteFuture() {}
  }

  /** The guarded instance: the generated wrapper if the processor made one, else this class. */
  public static Quotes create() throws ReflectiveOperationException {
    try {
      return (Quotes) Class.forName("com.example.app.service.GuardedQuotes").getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      return new Quotes();
    }
  }

  /** Two calls per run, then the private fallback. */
  @CountCalls
  @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0, fallback = "busy")
  public String quote(String symbol) {
    return symbol + "=42";
  }

  private String busy(String symbol) {
    return symbol + "=busy";
  }

  /** Opens after two failures. */
  @CountCalls
  @Breaker(failureThreshold = 2, cooldownMillis = 600_000)
  public String flaky(boolean fail) {
    if (fail) {
      throw new IllegalStateException("down");
    }
    return "up";
  }

  /** Asynchronous: the second call is rejected as a failed stage of the application's own type. */
  @CountCalls
  @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
  public QuoteFuture<String> later(String symbol) {
    QuoteFuture<String> future = new QuoteFuture<>();
    future.complete(symbol + "=later");
    return future;
  }
}
