package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The defects the review of {@code @Retry} for {@code CompletionStage} methods found, each shown
 * failing first: an Error inside an attempt's clock, a cancellation while an attempt waits for
 * admission or for its delay, a body the site cannot reach, and how each kind of caller reaches
 * the body again.
 */
class AsyncRetryRobustnessTest {

  private final FailingTime time = new FailingTime();
  private final GuardRegistry registry = Registries.create(time);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  /** Follows the protocol around its body, as woven code does. */
  static class Timed {
    GuardSite site;
    FailingTime time;
    boolean throwInBody;
    boolean failOnReturn;

    @CountCalls(name = "rr.timed")
    @Retry(name = "rr.timed", maxAttempts = 3, delayMillis = 0)
    @Bulkhead(name = "rr.timed", maxConcurrent = 1)
    @Timeout(name = "rr.timed", millis = 100)
    @SuppressWarnings("unchecked")
    CompletableFuture<String> call() throws Exception {
      return (CompletableFuture<String>) Protocol.callRetrying(site, this, null, () -> {
        if (throwInBody) {
          time.failAtRead = 1; // the clock's end after this throw runs out of stack
          throw new IllegalStateException("body");
        }
        time.failAtRead = failOnReturn ? 1 : 0; // the clock's end after this return runs out of stack
        return CompletableFuture.completedFuture("ok");
      });
    }
  }

  private Timed timed() {
    Timed timed = new Timed();
    timed.time = time;
    timed.site = Protocol.wovenSite(registry, timer, () -> 0.5, Timed.class, "call");
    return timed;
  }

  private void assertOneFailedCallAndTheSlotBack(CompletableFuture<String> stage) {
    CompletionException e = assertThrows(CompletionException.class, stage::join);
    assertEquals(StackOverflowError.class, e.getCause().getClass());
    CallStats stats = registry.findStats("rr.timed");
    assertEquals("calls=1 failures=1 inFlight=0 available=1",
        "calls=" + stats.calls() + " failures=" + stats.failures() + " inFlight=" + stats.inFlight()
            + " available=" + registry.findBulkhead("rr.timed").available());
  }

  /** Defect 14.D1: an Error while an attempt's clock started was counted twice (calls=0, inFlight=2^24-1). */
  @Test
  void anErrorWhileAnAttemptsClockStartsIsOneFailedCall() throws Exception {
    Timed timed = timed();
    time.failAtRead = 1;
    assertOneFailedCallAndTheSlotBack(timed.call());
  }

  /** Defect 14.D1: an Error while the clock of an attempt that threw ended was counted twice. */
  @Test
  void anErrorWhileAFailedAttemptsClockEndsIsOneFailedCall() throws Exception {
    Timed timed = timed();
    timed.throwInBody = true;
    assertOneFailedCallAndTheSlotBack(timed.call());
  }

  /** Defect 14.D1: an Error while the clock of an attempt that returned its stage ended kept the bulkhead slot. */
  @Test
  void anErrorWhileAReturnedAttemptsClockEndsGivesTheSlotBack() throws Exception {
    Timed timed = timed();
    timed.failOnReturn = true;
    assertOneFailedCallAndTheSlotBack(timed.call());
  }

  /** Follows the protocol around its body, as woven code does. */
  static class Slow {
    GuardSite site;

    @Retry(name = "rr.slow", maxAttempts = 3, delayMillis = 3_600_000, maxDelayMillis = 3_600_000, jitter = 0)
    @SuppressWarnings("unchecked")
    CompletableFuture<String> call(byte[] payload) throws Exception {
      return (CompletableFuture<String>) Protocol.callRetrying(site, this, new Object[] {payload}, () -> {
        throw new IOException("down");
      });
    }
  }

  /** Defect 14.D3: the timer kept a cancelled call (target, arguments, stages) until its next attempt's deadline. */
  @Test
  void theTimerDoesNotKeepACancelledCall() throws Exception {
    Slow slow = new Slow();
    slow.site = Protocol.wovenSite(registry, timer, () -> 0.5, Slow.class, "call", byte[].class);
    byte[] payload = new byte[1 << 20];
    WeakReference<byte[]> heldPayload = new WeakReference<>(payload);
    WeakReference<Slow> heldTarget = new WeakReference<>(slow);
    AtomicReference<CompletableFuture<String>> stage = new AtomicReference<>(slow.call(payload));
    timer.scanOnce(); // the timer takes the next attempt, due in an hour
    stage.get().cancel(true);
    payload = null;
    slow = null;
    stage.set(null);
    for (int i = 0; i < 50 && (heldPayload.get() != null || heldTarget.get() != null); i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(heldPayload.get(), "the arguments are let go");
    assertNull(heldTarget.get(), "the target is let go");
  }

  static class Hidden {
    @Retry(name = "rr.hidden", maxAttempts = 3, delayMillis = 0)
    private CompletableFuture<String> hidden() {
      return CompletableFuture.completedFuture("ran");
    }
  }

  /** Defect 14.D5: a body the site could not reach was retried as a failed attempt on every call, silently. */
  @Test
  void aBodyTheSiteCannotReachIsAConfigurationError() {
    GuardSite site = SiteFactory.create(SiteFactory.method(Hidden.class, "hidden"), MethodHandles.publicLookup(),
        BodyInvoker.Origin.GENERATED);
    ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
    assertTrue(e.getMessage().startsWith("Warden cannot call " + AsyncRetryRobustnessTest.class.getName()
        + "$Hidden#hidden for the attempts of its @Retry: "), e.getMessage());
    assertNull(registry.findRetry("rr.hidden"), "nothing registered");
  }

  public interface Foo {
    @Retry(name = "rr.both", maxAttempts = 2, delayMillis = 0)
    default CompletableFuture<String> m() {
      return CompletableFuture.completedFuture("interface default body");
    }
  }

  public static class Impl implements Foo {
    @Override
    public CompletableFuture<String> m() {
      return CompletableFuture.completedFuture("delegate's override");
    }
  }

  /**
   * Defect 14.D2: with the agent having woven the default method, a generated interface wrapper's
   * attempts ran the interface's default body instead of its delegate's override.
   */
  @Test
  void aWrapperOfAWovenDefaultMethodCallsItsDelegatesOverride() {
    WovenMethods.markWoven(Foo.class.getName(), "m", "()Ljava/util/concurrent/CompletableFuture;");
    GuardSite site = GuardSite.forGeneratedOverride(MethodHandles.lookup(), Foo.class, "m");
    Object permit = site.enter();
    assertEquals("delegate's override", ((CompletableFuture<?>) site.rejected(permit, new Impl(), null)).join());
  }

  /** The class a wrapper written by hand delegates to; its body calls the wrapper again. */
  static class Quotes {
    Delegating outer;

    @CountCalls(name = "rr.nested")
    @Retry(name = "rr.nested", maxAttempts = 2, delayMillis = 0)
    CompletableFuture<String> quote(String key) throws Exception {
      if (key.equals("outer")) {
        return outer.quote("inner").thenApply(v -> "outer+" + v);
      }
      return CompletableFuture.completedFuture(key);
    }
  }

  /** A wrapper written by hand that delegates: the target it hands the site is the delegate. */
  static final class Delegating {
    final GuardSite site;
    final Quotes delegate;

    Delegating(GuardSite site, Quotes delegate) {
      this.site = site;
      this.delegate = delegate;
    }

    @SuppressWarnings("unchecked")
    CompletableFuture<String> quote(String key) throws Exception {
      return (CompletableFuture<String>) Protocol.callRetrying(site, delegate, new Object[] {key},
          () -> delegate.quote(key));
    }
  }

  /** Defect 14.D6: a call nested in the body of a delegating wrapper's call ran unguarded and uncounted. */
  @Test
  void aCallNestedInTheBodyIsGuardedAndCounted() throws Exception {
    GuardSite site = Protocol.site(registry, timer, Quotes.class, "quote", String.class);
    Quotes quotes = new Quotes();
    Delegating wrapper = new Delegating(site, quotes);
    quotes.outer = wrapper;
    assertEquals("outer+inner", wrapper.quote("outer").join());
    CallStats stats = registry.findStats("rr.nested");
    assertEquals("calls=2 successes=2", "calls=" + stats.calls() + " successes=" + stats.successes());
  }
}
