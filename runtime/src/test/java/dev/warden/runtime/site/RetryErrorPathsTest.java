package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Registries;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How a call of a method with {@code @Retry} ends when something other than its body fails: an
 * Error (a thread at the end of its stack) in the breaker, the limiter or the clock, in the
 * synchronous and asynchronous paths, and a cancellation racing an attempt's admission. Each
 * call has exactly one outcome, and every slot is given back.
 */
class RetryErrorPathsTest {

  final FailingTime time = new FailingTime();
  final GuardRegistry registry = Registries.create(time);
  final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);

  static String counts(CallStats s) {
    return "calls=" + s.calls() + " successes=" + s.successes() + " failures=" + s.failures()
        + " rejections=" + s.rejections() + " inFlight=" + s.inFlight();
  }

  static class Limited {
    GuardSite site;

    @CountCalls(name = "b.limited")
    @Retry(name = "b.limited", maxAttempts = 3, delayMillis = 0)
    @Throttled(name = "b.limited", callsPerSecond = 1000, burst = 10)
    @SuppressWarnings("unchecked")
    CompletableFuture<String> call() throws Exception {
      return (CompletableFuture<String>) Protocol.callRetrying(site, this, null,
          () -> CompletableFuture.completedFuture("ok"));
    }
  }

  /** Defect 14.E1: an Error in the rate limiter while an async attempt was admitted left the call without outcome. */
  @Test
  void anErrorInTheLimiterOfAnAsyncAttemptIsOneFailedCall() throws Exception {
    Limited limited = new Limited();
    limited.site = Protocol.wovenSite(registry, timer, () -> 0.5, Limited.class, "call");
    time.failAtRead = 1; // the limiter's clock reading
    CompletableFuture<String> stage = limited.call();
    assertEquals(true, stage.isCompletedExceptionally());
    assertEquals("calls=1 successes=0 failures=1 rejections=0 inFlight=0", counts(registry.findStats("b.limited")));
  }

  static class Tripping {
    GuardSite site;

    @CountCalls(name = "b.tripping")
    @Retry(name = "b.tripping", maxAttempts = 3, delayMillis = 0)
    @Breaker(name = "b.tripping", failureThreshold = 1)
    @SuppressWarnings("unchecked")
    CompletableFuture<String> call(FailingTime time) throws Exception {
      return (CompletableFuture<String>) Protocol.callRetrying(site, this, new Object[] {time}, () -> {
        time.failAtRead = 1; // the breaker's clock reading when this failure opens it
        throw new IOException("down");
      });
    }
  }

  /** Defect 14.E1: an Error in the breaker while a failed async attempt ended left the call without outcome. */
  @Test
  void anErrorInTheBreakerWhileAFailedAsyncAttemptEndsIsOneFailedCall() throws Exception {
    Tripping tripping = new Tripping();
    tripping.site = Protocol.wovenSite(registry, timer, () -> 0.5, Tripping.class, "call", FailingTime.class);
    CompletableFuture<String> stage = tripping.call(time);
    assertEquals(true, stage.isCompletedExceptionally());
    assertEquals("calls=1 successes=0 failures=1 rejections=0 inFlight=0", counts(registry.findStats("b.tripping")));
  }

  static class Waiting {
    GuardSite site;
    final AtomicInteger bodies = new AtomicInteger();

    @CountCalls(name = "b.waiting")
    @Retry(name = "b.waiting", maxAttempts = 2, delayMillis = 100, jitter = 0)
    @Throttled(name = "b.waiting", callsPerSecond = 1, burst = 1, maxWaitMillis = 5_000)
    @Timeout(name = "b.waiting", millis = 10_000)
    @SuppressWarnings("unchecked")
    CompletableFuture<String> call() throws Exception {
      return (CompletableFuture<String>) Protocol.callRetrying(site, this, null, () -> {
        bodies.incrementAndGet();
        return CompletableFuture.failedFuture(new IOException("down"));
      });
    }
  }

  /**
   * Defect 14.E1: the caller cancels while attempt 2 waits for its token (the cancellation records
   * the call's failure); the attempt's clock then failed to start and recorded a second failure.
   */
  @Test
  void aCancelRacingAnErrorInTheNextAttemptsClockIsOneFailedCall() throws Exception {
    Waiting waiting = new Waiting();
    waiting.site = Protocol.wovenSite(registry, timer, () -> 0.5, Waiting.class, "call");
    CompletableFuture<String> stage = waiting.call();
    time.atNextPark = () -> {
      stage.cancel(true);
      time.failAtRead = 2; // the limiter's reading after its park, then the clock's start
    };
    time.fake.advanceMillis(100);
    timer.scanOnce();
    assertEquals(true, stage.isCancelled());
    assertEquals("calls=1 successes=0 failures=1 rejections=0 inFlight=0", counts(registry.findStats("b.waiting")));
  }

  /** Defect 14.D4: an attempt admitted after the caller cancelled, while it waited for a token, still ran its body. */
  @Test
  void anAttemptAdmittedAfterTheCallerCancelledDoesNotRun() throws Exception {
    Waiting waiting = new Waiting();
    waiting.site = Protocol.wovenSite(registry, timer, () -> 0.5, Waiting.class, "call");
    CompletableFuture<String> stage = waiting.call(); // takes the only token, fails
    time.atNextPark = () -> stage.cancel(true); // the caller cancels while attempt 2 waits for its token
    time.fake.advanceMillis(100);
    timer.scanOnce();
    assertEquals(true, stage.isCancelled());
    assertEquals(1, waiting.bodies.get(), "no body after the cancellation");
    assertEquals("calls=1 successes=0 failures=1 rejections=0 inFlight=0", counts(registry.findStats("b.waiting")));
  }

  public interface Api {
    @Retry(name = "b.api", maxAttempts = 2, delayMillis = 0)
    CompletableFuture<String> get();
  }

  public static class ApiImpl implements Api {
    @Override
    public CompletableFuture<String> get() {
      return CompletableFuture.completedFuture("impl");
    }
  }

  /** A delegating wrapper written by hand of an interface method (as the processor's interface wrapper). */
  static final class ApiWrapper implements Api {
    final GuardSite site;
    final Api delegate;

    ApiWrapper(GuardSite site, Api delegate) {
      this.site = site;
      this.delegate = delegate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<String> get() {
      try {
        return (CompletableFuture<String>) Protocol.callRetrying(site, delegate, null, delegate::get);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Defect 14.E2: a hand-written wrapper of an interface method failed every attempt with AbstractMethodError. */
  @Test
  void aHandWrittenDelegatingWrapperOfAnInterfaceMethodReachesTheDelegate() {
    GuardSite site = Protocol.site(registry, timer, Api.class, "get");
    assertEquals("impl", new ApiWrapper(site, new ApiImpl()).get().join());
  }

  static class Plain {
    @CountCalls(name = "b.plain")
    @dev.warden.annotations.Bulkhead(name = "b.plain", maxConcurrent = 1)
    @Timeout(name = "b.plain", millis = 100)
    CompletableFuture<String> async() {
      return null;
    }

    @CountCalls(name = "b.sync")
    @Retry(name = "b.sync", maxAttempts = 3, delayMillis = 0)
    @dev.warden.annotations.Bulkhead(name = "b.sync", maxConcurrent = 1)
    @Timeout(name = "b.sync", millis = 100)
    String sync() {
      return null;
    }
  }

  /** Defect 14.D1, without @Retry: the clock's end failing after an async body returned kept the slot. */
  @Test
  void anErrorWhileAnAsyncCallsClockEndsIsOneFailedCallWithoutRetryToo() throws Exception {
    GuardSite site = Protocol.site(registry, timer, Plain.class, "async");
    org.junit.jupiter.api.Assertions.assertThrows(StackOverflowError.class,
        () -> Protocol.call(site, () -> {
          time.failAtRead = 1;
          return CompletableFuture.completedFuture("x");
        }));
    assertEquals("calls=1 successes=0 failures=1 rejections=0 inFlight=0 available=1",
        counts(registry.findStats("b.plain")) + " available=" + registry.findBulkhead("b.plain").available());
  }

  /** Synchronous calls with @Retry: the clock failing at an attempt's start or end is one failed call each. */
  @Test
  void anErrorInASynchronousAttemptsClockIsOneFailedCall() throws Exception {
    GuardSite site = Protocol.site(registry, timer, Plain.class, "sync");
    org.junit.jupiter.api.Assertions.assertThrows(StackOverflowError.class,
        () -> Protocol.callRetrying(site, () -> {
          time.failAtRead = 1;
          return "x";
        }));
    org.junit.jupiter.api.Assertions.assertThrows(StackOverflowError.class,
        () -> Protocol.callRetrying(site, () -> {
          time.failAtRead = 1;
          throw new IOException("x");
        }));
    time.failAtRead = 1; // the clock's start in enter()
    org.junit.jupiter.api.Assertions.assertThrows(StackOverflowError.class,
        () -> Protocol.callRetrying(site, () -> "y"));
    assertEquals("calls=3 successes=0 failures=3 rejections=0 inFlight=0 available=1",
        counts(registry.findStats("b.sync")) + " available=" + registry.findBulkhead("b.sync").available());
  }

  static class Full {
    GuardSite site;
    final AtomicInteger fallbacks = new AtomicInteger();

    @CountCalls(name = "b.full")
    @Retry(name = "b.full", maxAttempts = 2, delayMillis = 100, jitter = 0)
    @dev.warden.annotations.Bulkhead(name = "b.full", maxConcurrent = 1, maxWaitMillis = 50, fallback = "fb")
    @SuppressWarnings("unchecked")
    CompletableFuture<String> call() throws Exception {
      return (CompletableFuture<String>) Protocol.callRetrying(site, this, null,
          () -> CompletableFuture.failedFuture(new IOException("down")));
    }

    CompletableFuture<String> fb() {
      fallbacks.incrementAndGet();
      return CompletableFuture.completedFuture("fallback");
    }
  }

  /** Defect 14.E4: the caller cancels while attempt 2 waits for a slot; the wait then failed and the fallback still ran. */
  @Test
  void noFallbackRunsAfterTheCallerCancelled() throws Exception {
    Full full = new Full();
    full.site = Protocol.wovenSite(registry, timer, () -> 0.5, Full.class, "call");
    CompletableFuture<String> stage = full.call(); // attempt 1 fails and gives its slot back
    assertEquals(true, registry.findBulkhead("b.full").tryAcquire()); // someone else takes the only slot
    time.atNextPark = () -> stage.cancel(true);
    time.fake.advanceMillis(100);
    timer.scanOnce();
    assertEquals(true, stage.isCancelled());
    assertEquals(0, full.fallbacks.get(), "fallback calls after the cancellation");
  }
}
