package dev.warden.runtime.site;

import dev.warden.runtime.BulkheadFullException;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.jfr.Events;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;

/**
 * The guards of one method and the one protocol both weaving modes follow for every call: {@link
 * #enter()}; if it returned a rejection, {@link #rejected}; otherwise run the body and end with
 * exactly one of {@link #onReturn} (or {@link #onSuccess} for {@code void}) and {@link
 * #onFailure}. A wrapper written by hand that follows it, as generated code does:
 *
 * <pre>{@code
 * public class CheckedQuotes extends Quotes {
 *   private static final GuardSite QUOTE = GuardSite.forMethod(Quotes.class, "quote", String.class);
 *
 *   @Override
 *   public Quote quote(String symbol) {
 *     Object permit = QUOTE.enter();
 *     if (permit instanceof GuardRejectedException) {
 *       return (Quote) QUOTE.rejected(permit, this, new Object[] {symbol});
 *     }
 *     Quote result;
 *     try {
 *       result = super.quote(symbol);
 *     } catch (Throwable failure) {
 *       QUOTE.onFailure(permit, failure);
 *       throw failure;
 *     }
 *     return QUOTE.onReturn(permit, result);
 *   }
 * }
 * }</pre>
 *
 * <p>A method with {@code @Retry} runs its body in a loop instead: a failed attempt ends with
 * {@link #retry}, an attempt that returned with {@link #returned}; each hands out the next
 * attempt's permit (handled as {@code enter()}'s) or ends the call:
 *
 * <pre>{@code
 *     Object permit = QUOTE.enter();
 *     for (;;) {
 *       if (permit instanceof GuardRejectedException) {
 *         return (Quote) QUOTE.rejected(permit, this, new Object[] {symbol});
 *       }
 *       Quote result;
 *       try {
 *         result = super.quote(symbol);
 *       } catch (Throwable failure) {
 *         permit = QUOTE.retry(permit, failure); // the next permit, or throws the last failure
 *         continue;
 *       }
 *       permit = QUOTE.returned(permit);         // null: the call succeeded
 *       if (permit == null) {
 *         return result;
 *       }
 *     }
 * }</pre>
 *
 * <p>For a {@code CompletionStage} method with {@code @Retry}, {@code enter()} returns a marker
 * that {@link #rejected} turns into the caller's stage: the site runs the attempts itself, the
 * first at once and later ones on its timer. A wrapper written by hand hands it the wrapped
 * object as {@code target}: each attempt calls the method's own implementation on it (not an
 * override in its class), or, for an abstract method, its implementation. A method that follows
 * this protocol inside its own body needs the agent's site, not one from {@link #forMethod}.
 *
 * <p>The site applies the order {@code CountCalls(Retry(Breaker(Throttled(Bulkhead(Timeout(method))))))}:
 * the counter sees every call, an open circuit spends no rate-limit permit and takes no slot, a
 * throttled call takes no slot, a call the throttle or the bulkhead refuses releases its breaker
 * permit without counting as a failure, and the time limit starts when the call has passed every
 * other guard (it bounds the body, not the waits). On the success path nothing is allocated: the
 * permit is the breaker's state object, a shared constant, or (with {@code @Timeout}) the calling
 * thread's reusable {@link CallClock}. With {@code @CountCalls(latency = true)} a call's start is
 * kept on the calling thread's {@link CallStarts}, paired with this site, from {@code enter()} to
 * its end (for a {@code CompletionStage} method, until {@link #onReturn}, which hands it to the
 * completion that records the outcome).
 *
 * <p>The end of a call ({@link #onSuccess}, {@link #onFailure}, {@link #onReturn}) may come on
 * another thread than its {@code enter()}, as in a wrapper of a callback API written by hand. Such
 * a call is guarded and counted as any other, but with latency it is measured only if it ends on
 * the thread it entered on: an end takes a start only from its own thread, on top and pushed by
 * this site, and otherwise records the outcome without a duration (a start of this site on top
 * that belongs to a call of the ending thread is taken, wrongly, for the call's). The guards hear
 * of the outcome first, and looking for the start never throws. See {@link CallStarts} for the
 * starts such a call leaves on the entering thread (at most 64 a thread).
 *
 * <p>A rejection is returned (not thrown) by {@link #enter()} so that woven code can skip the
 * body: a marker shared by every call the same guard of this site refuses, not an exception.
 * {@link #rejected} makes the exception only when it is needed (thrown, handed to a fallback that
 * takes it, or put in a failed stage), so a fallback without a {@code Throwable} parameter costs
 * no allocation; the one exception made at once is the {@link ThrottledException} of an
 * interrupt, which carries the {@link InterruptedException}.
 *
 * <p>Off the success path the site emits Warden's JFR events (see {@link Events}): {@code
 * dev.warden.Rejected} for each refusal by a guard, {@code dev.warden.Retry} for each retry and
 * {@code dev.warden.Timeout} for each timeout; the success path has no trace of them.
 *
 * <p>For a {@code CompletionStage} method the outcome is recorded when the method's stage
 * completes, and the caller gets a stage of the method's return type that completes after that
 * (see {@link #onReturn}), so the statistics read after observing the completion include the call.
 *
 * <p>A site is in one of three {@linkplain Mode modes}, fixed at creation: guarding, passing
 * through, or misconfigured.
 *
 * <p>Created once per guarded method and cached at the call site: by {@link
 * #forGeneratedOverride} in processor-generated code (a {@code static final} field), by {@link
 * WovenSites} for agent-woven code (a dynamic constant), or by {@link #forMethod} where code calls
 * a site by hand. Immutable and
 * thread-safe; every method may be called concurrently.
 */
public final class GuardSite {

  /** What a site does with a call; checked once per call, on entry. */
  enum Mode {
    /** Applies the method's guards. */
    GUARDED,
    /**
     * Guards nothing: the wrapper generated around a method the agent has also woven (the woven
     * body guards the call).
     */
    PASS_THROUGH,
    /** The method's configuration is invalid: every call fails with it. */
    MISCONFIGURED
  }

  /** The permit of an admitted call on a method without {@code @Breaker}. */
  static final Object ADMITTED = new Object() {
    @Override
    public String toString() {
      return "admitted";
    }
  };

  private final Mode mode;
  private final String method;
  private final CallStats stats;
  private final CircuitBreaker breaker;
  private final RateLimiter limiter;
  private final ConcurrencyLimiter bulkhead;
  private final Fallback breakerFallback;
  private final Fallback throttledFallback;
  private final Fallback bulkheadFallback;
  /** Its time limit is read as each call starts: it may be {@linkplain TimeoutStats#reconfigure reconfigured}. */
  private final TimeoutStats timeout;
  /** Fixed for the guard's life (only numbers can be reconfigured). */
  private final boolean interruptAtDeadline;
  /** The timer of timed calls (every site has one; only a site with {@code @Timeout} uses it). */
  private final TimeoutTimer timer;
  /** {@code null} unless the method returns a {@code CompletionStage}. */
  private final StageFactory stages;
  /** What {@link #enter()} returns when the open breaker refuses a call. */
  private final Marker breakerRejection;
  /** What {@link #enter()} returns when the half-open breaker has no trial slot left. */
  private final Marker trialsTakenRejection;
  /** What {@link #enter()} returns when the rate limiter refuses a call (not for an interrupt). */
  private final Marker throttleRejection;
  /** What {@link #enter()} returns when the bulkhead has no slot in time (not for an interrupt). */
  private final Marker bulkheadRejection;
  /** {@code null} unless the method has {@code @Retry}. */
  private final RetryStats retry;
  /** Uniform random numbers in [0, 1) for the jitter of retry delays. */
  private final DoubleSupplier random;
  /**
   * The counter that records each attempt's end as the call's outcome: {@link #stats} for a method
   * without {@code @Retry}; {@code null} with it, where the retry logic records the call once.
   */
  private final CallStats outcomeStats;
  /** Whether {@link #stats} measures latency: a call's start is on {@link CallStarts} while it runs on its thread. */
  private final boolean timed;
  /** Whether a {@code @Retry} site runs a call's attempts itself ({@code CompletionStage} methods). */
  private final boolean takesOver;
  /** What {@link #enter()} returns for a call the site takes over: handed to {@link #rejected}. */
  private final Marker takeOver;
  /** Runs the body of a call the site takes over; {@code null} unless {@link #takesOver}. */
  private final BodyInvoker invoker;
  /** Whether each rejection of an inner guard is retried (by the rejection's type). */
  private final boolean retriesOpenCircuit;
  private final boolean retriesThrottled;
  private final boolean retriesFullBulkhead;
  /** The error of a misconfigured site. */
  private final ConfigurationException misconfiguration;
  /** Whether this is the site of a default interface method woven by the agent (see {@link #forWovenDefaultBody}). */
  private final boolean wovenDefault;

  /**
   * Per thread, the woven default method's site whose call a generated wrapper is guarding (see
   * {@link #beginGuardedCall}); {@code null} outside such a call.
   */
  private static final ThreadLocal<GuardSite> GUARDED_BY_WRAPPER = new ThreadLocal<>();

  /**
   * Per thread, the site whose next {@link #enter()} is an attempt of a call the site took over
   * ({@link BodyInvoker}): that entry only runs the body.
   */
  private static final ThreadLocal<GuardSite> BODY_ONLY_FOR = new ThreadLocal<>();

  /** The permit of an entry that only runs the body, for a call the site took over. */
  static final Object BODY_ONLY = new Object() {
    @Override
    public String toString() {
      return "body only";
    }
  };

  /** Uniform random numbers in [0, 1) of the calling thread: no contention, no allocation. */
  static final DoubleSupplier THREAD_RANDOM = () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble();

  /** The site a woven default body uses within a call its wrapper has guarded: guards nothing. */
  private static final GuardSite ALREADY_GUARDED = unguarded("(guarded by its generated wrapper)");

  /**
   * A guarding site.
   *
   * @param guards the method's guards, each {@code null} if it has none
   * @param timer the timer of its timed calls
   * @param stages the stage factory of a {@code CompletionStage} method, else {@code null}
   * @param invoker runs the body of a {@code CompletionStage} method with {@code @Retry}, else {@code null}
   * @param random uniform random numbers in [0, 1) for the jitter of retry delays
   */
  GuardSite(String method, SiteGuards guards, TimeoutTimer timer, StageFactory stages, boolean wovenDefault,
      BodyInvoker invoker, DoubleSupplier random) {
    this.mode = Mode.GUARDED;
    this.method = method;
    this.stats = guards.stats();
    this.breaker = guards.breaker();
    this.limiter = guards.limiter();
    this.bulkhead = guards.bulkhead();
    this.breakerFallback = guards.breakerFallback();
    this.throttledFallback = guards.throttledFallback();
    this.bulkheadFallback = guards.bulkheadFallback();
    this.timeout = guards.timeout();
    this.interruptAtDeadline = timeout != null && timeout.config().interrupt();
    this.timer = timer;
    this.stages = stages;
    this.breakerRejection = breaker == null ? null : new Marker(breaker.name());
    this.trialsTakenRejection = breaker == null ? null : new Marker(breaker.name());
    this.throttleRejection = limiter == null ? null : new Marker(limiter.name());
    this.bulkheadRejection = bulkhead == null ? null : new Marker(bulkhead.name());
    this.misconfiguration = null;
    this.wovenDefault = wovenDefault;
    this.retry = guards.retry();
    RetryConfig retryConfig = retry == null ? null : retry.config(); // its retryOn and abortOn never change
    this.random = random;
    this.outcomeStats = retry == null ? stats : null;
    this.timed = stats != null && stats.measuresLatency();
    this.takesOver = retry != null && stages != null;
    this.takeOver = takesOver ? new Marker(retry.name()) : null;
    this.invoker = takesOver ? invoker : null;
    this.retriesOpenCircuit = breaker != null && retry != null
        && retryConfig.isRetried(new CircuitOpenException(breaker.name(), CircuitBreaker.State.OPEN));
    this.retriesThrottled = limiter != null && retry != null && retryConfig.isRetried(new ThrottledException(limiter.name()));
    this.retriesFullBulkhead = bulkhead != null && retry != null
        && retryConfig.isRetried(new BulkheadFullException(bulkhead.name()));
  }

  private GuardSite(Mode mode, String method, ConfigurationException misconfiguration) {
    this.mode = mode;
    this.method = method;
    this.stats = null;
    this.breaker = null;
    this.limiter = null;
    this.bulkhead = null;
    this.breakerFallback = null;
    this.throttledFallback = null;
    this.bulkheadFallback = null;
    this.timeout = null;
    this.interruptAtDeadline = false;
    this.timer = null;
    this.stages = null;
    this.breakerRejection = null;
    this.trialsTakenRejection = null;
    this.throttleRejection = null;
    this.bulkheadRejection = null;
    this.misconfiguration = misconfiguration;
    this.wovenDefault = false;
    this.retry = null;
    this.random = null;
    this.outcomeStats = null;
    this.timed = false;
    this.takesOver = false;
    this.takeOver = null;
    this.invoker = null;
    this.retriesOpenCircuit = false;
    this.retriesThrottled = false;
    this.retriesFullBulkhead = false;
  }

  /**
   * The site of the annotated method {@code declaringClass.methodName(parameterTypes)}, with its
   * guards resolved from the annotations (method, then type) and configuration overrides.
   *
   * <p>Never throws for a bad configuration: the error is logged once and every call of the
   * method then fails with it ({@link #enter()} throws a copy), so a method is never silently
   * left unguarded.
   *
   * <p>The runtime reaches the method's fallback through its own lookup (its module reads the
   * method's module first): in a named module, a {@code private} fallback needs its package
   * opened to {@code dev.warden.runtime}, or the site is misconfigured. Code generated by the
   * processor and woven by the agent hands the runtime its own lookup instead and has no such
   * limit.
   *
   * @param declaringClass the class that declares the method
   * @param methodName the method's name
   * @param parameterTypes the method's parameter types
   * @return the method's site
   * @throws IllegalArgumentException if no such method is declared
   */
  public static GuardSite forMethod(Class<?> declaringClass, String methodName, Class<?>... parameterTypes) {
    return SiteFactory.create(SiteFactory.method(declaringClass, methodName, parameterTypes), MethodHandles.lookup(),
        BodyInvoker.Origin.HAND_WRITTEN);
  }

  /**
   * As {@link #forMethod}, for a wrapper generated by the processor around the method. If the
   * java agent has already woven the method itself, the wrapper's site guards nothing, so that
   * each call is guarded exactly once. A woven default method is the exception: the wrapper
   * guards with the woven body's own site and marks the call ({@link #beginGuardedCall}), since
   * its delegate (or {@code super}) may run the body or an override that does not call it.
   *
   * @param caller the generated class's own {@code MethodHandles.lookup()}: the runtime reaches
   *     the method's fallbacks through it, so a private fallback works in a named module whose
   *     package is not open to the runtime
   * @param declaringClass the class that declares the method
   * @param methodName the method's name
   * @param parameterTypes the method's parameter types
   * @return the site the wrapper is to use
   * @throws IllegalArgumentException if no such method is declared
   */
  public static GuardSite forGeneratedOverride(
      MethodHandles.Lookup caller, Class<?> declaringClass, String methodName, Class<?>... parameterTypes) {
    var target = SiteFactory.method(declaringClass, methodName, parameterTypes);
    if (!WovenMethods.isWoven(target)) {
      return SiteFactory.create(target, caller, BodyInvoker.Origin.GENERATED);
    }
    if (!target.isDefault()) {
      return unguarded(SiteFactory.displayName(target));
    }
    GuardSite woven = WovenSites.site(target, caller);
    // a site that takes its calls over reaches the body through this wrapper (the delegate's override)
    return woven.takesOver ? SiteFactory.createBeside(target, caller, woven) : woven;
  }

  static GuardSite unguarded(String method) {
    return new GuardSite(Mode.PASS_THROUGH, method, null);
  }

  static GuardSite misconfigured(String method, ConfigurationException error) {
    return new GuardSite(Mode.MISCONFIGURED, method, error);
  }

  /**
   * Called by a generated wrapper after {@link #enter()} admitted a call of a default interface
   * method, just before it calls the delegate (or {@code super}): if the agent wove the method,
   * marks this site as guarded on this thread, so that the woven body run within the call does
   * not guard it again. Does nothing for any other site.
   *
   * @return what to hand to {@link #endGuardedCall} in a {@code finally} block
   */
  public Object beginGuardedCall() {
    if (!wovenDefault) {
      return null;
    }
    GuardSite outer = GUARDED_BY_WRAPPER.get();
    GUARDED_BY_WRAPPER.set(this);
    return outer;
  }

  /**
   * Ends what {@link #beginGuardedCall} began, restoring the mark it found.
   *
   * @param outer what {@link #beginGuardedCall} returned
   */
  public void endGuardedCall(Object outer) {
    if (wovenDefault) {
      GUARDED_BY_WRAPPER.set((GuardSite) outer);
    }
  }

  /**
   * {@return the site the woven body of a default interface method uses} That is this site, or
   * one that guards nothing when the body runs within a call that a generated wrapper of this
   * method has guarded (directly, through an override's {@code Iface.super.m()}, or through a
   * proxy's handler).
   */
  public GuardSite forWovenDefaultBody() {
    return GUARDED_BY_WRAPPER.get() == this ? ALREADY_GUARDED : this;
  }

  /**
   * Starts a call: counts it, asks the breaker, then the rate limiter (parking for a reserved
   * permit if it is due within its {@code maxWaitMillis}), then the bulkhead (waiting for a slot
   * up to its {@code maxWaitMillis}), and last starts the call's time limit.
   *
   * @return the permit to hand to {@link #onReturn}, {@link #onSuccess} or {@link #onFailure};
   *     or, if a guard refused the call, a {@link GuardRejectedException} (a shared marker, not to
   *     be thrown) to hand to {@link #rejected}
   * @throws ConfigurationException if the method's guard configuration is invalid (the same message on every call)
   */
  public Object enter() {
    if (mode != Mode.GUARDED) {
      return enterUnguarded();
    }
    if (takesOver) {
      return takeOver();
    }
    CallStats stats = this.stats;
    if (stats != null) {
      stats.recordCall();
      if (timed) {
        CallStarts.push(this, stats.startNanos());
      }
    }
    Object permit;
    try {
      permit = enterAttempt();
    } catch (Throwable e) { // a StackOverflowError near the stack's end: the call ends with it
      if (stats != null) {
        countFailure(stats, popStart());
      }
      throw e;
    }
    if (permit instanceof GuardRejectedException) {
      return refusedFirst((GuardRejectedException) permit);
    }
    return permit;
  }

  /**
   * Starts one attempt at the guards inside {@code @Retry}: the breaker, the rate limiter, the
   * bulkhead, then the time limit. Records nothing with the counter.
   *
   * @return the attempt's permit, or the rejection (a marker, or an exception for an interrupt)
   */
  Object enterAttempt() {
    Object permit = ADMITTED;
    CircuitBreaker breaker = this.breaker;
    if (breaker != null) {
      permit = breaker.tryAcquirePermit(breakerRejection, trialsTakenRejection);
      if (permit instanceof Marker) {
        return refusedByBreaker(permit);
      }
    }
    RateLimiter limiter = this.limiter;
    if (limiter != null) {
      GuardRejectedException throttled = throttle(limiter);
      if (throttled != null) {
        return refusedInside(permit, throttled);
      }
    }
    ConcurrencyLimiter bulkhead = this.bulkhead;
    if (bulkhead != null) {
      GuardRejectedException full = occupy(bulkhead);
      if (full != null) {
        return refusedInside(permit, full);
      }
    }
    if (timeout != null) {
      return startClock(permit);
    }
    return permit;
  }

  /**
   * Starts the attempt's time limit, last. Should that fail (a {@link StackOverflowError} near the
   * stack's end), the attempt ends before its body ran: its slot and breaker permit are given back
   * (not a breaker failure) and the error is thrown; whoever ends the call counts it.
   */
  private Object startClock(Object permit) {
    try {
      return timer.clock().enter(timeout.config().nanos(), interruptAtDeadline, permit); // arms the deadline last
    } catch (Throwable e) {
      vacate();
      releaseBreakerPermit(permit);
      throw e;
    }
  }

  /** Emits the event of the breaker's refusal {@code marker}, which it returns. */
  private Object refusedByBreaker(Object marker) {
    Events.rejected(breaker.name(), method, Events.BREAKER, marker == breakerRejection ? Events.OPEN : Events.TRIALS_TAKEN);
    return marker;
  }

  /** A call a guard inside the breaker refused: the breaker's permit is given back, not a failure. */
  private GuardRejectedException refusedInside(Object permit, GuardRejectedException rejection) {
    releaseBreakerPermit(permit);
    return rejection;
  }

  private void releaseBreakerPermit(Object permit) {
    if (breaker != null) {
      breaker.releasePermit((CircuitBreaker.Permit) permit);
    }
  }

  private Object enterUnguarded() {
    if (mode == Mode.PASS_THROUGH) {
      return ADMITTED;
    }
    throw new ConfigurationException(misconfiguration.attribute(), misconfiguration.value(), misconfiguration.getMessage());
  }

  private GuardRejectedException throttle(RateLimiter limiter) {
    try {
      return limiter.tryAcquireConfigured() ? null : refused(throttleRejection, Events.THROTTLED, Events.NONE_IN_TIME);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refused(new ThrottledException(limiter.name(), e), Events.THROTTLED, Events.INTERRUPTED);
    }
  }

  private GuardRejectedException occupy(ConcurrencyLimiter bulkhead) {
    try {
      return bulkhead.tryAcquireConfigured() ? null : refused(bulkheadRejection, Events.BULKHEAD, Events.NONE_IN_TIME);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refused(new BulkheadFullException(bulkhead.name(), e), Events.BULKHEAD, Events.INTERRUPTED);
    }
  }

  /** Emits the event of a refusal by the rate limiter or the bulkhead, and returns it. */
  private GuardRejectedException refused(GuardRejectedException rejection, String kind, String reason) {
    Events.rejected(rejection.guardName(), method, kind, reason);
    return rejection;
  }

  private void vacate() {
    if (bulkhead != null) {
      bulkhead.release();
    }
  }

  /**
   * The first attempt was refused: the call ends with the rejection, unless the method has {@code
   * @Retry}, the refusing guard has no fallback, and its rejection is retried.
   */
  private Object refusedFirst(GuardRejectedException rejection) {
    if (retry != null && fallbackFor(rejection) == null && retries(rejection)) {
      return next(null, exception(rejection), true);
    }
    popStart(); // a rejected call is not measured
    recordCallRejected(rejection);
    return rejection;
  }

  /** Whether a rejection is retried, by its type; without making an exception for a marker. */
  private boolean retries(GuardRejectedException rejection) {
    if (rejection == breakerRejection || rejection == trialsTakenRejection) {
      return retriesOpenCircuit;
    }
    if (rejection == throttleRejection) {
      return retriesThrottled;
    }
    if (rejection == bulkheadRejection) {
      return retriesFullBulkhead;
    }
    return retry.config().isRetried(rejection);
  }

  /**
   * Counts a call that ended with a rejection (its fallback's result, if any, is not counted), by
   * the refusing guard's kind; a rejected call is not measured.
   */
  void recordCallRejected(GuardRejectedException rejection) {
    if (stats != null) {
      stats.recordRejection(kindOf(rejection));
    }
  }

  /** The kind a rejection counts under: the refusing guard's exception type, without making one for a marker. */
  private Class<? extends GuardRejectedException> kindOf(GuardRejectedException rejection) {
    if (rejection == breakerRejection || rejection == trialsTakenRejection) {
      return CircuitOpenException.class;
    }
    if (rejection == throttleRejection) {
      return ThrottledException.class;
    }
    return rejection == bulkheadRejection ? BulkheadFullException.class : rejection.getClass();
  }

  /**
   * The start of this site's call that ends now, if it is this thread's innermost measured call
   * (it entered on this thread); else {@link CallStarts#NONE}: the call is counted without a
   * duration. 0 (nothing popped) without latency.
   */
  private long popStart() {
    return timed ? CallStarts.pop(this) : 0;
  }

  /** Records a success with {@code stats}, measured from {@code start} unless it is {@link CallStarts#NONE}. */
  private static void countSuccess(CallStats stats, long start) {
    if (start == CallStarts.NONE) {
      stats.recordSuccess();
    } else {
      stats.recordSuccess(start);
    }
  }

  /** Records a failure with {@code stats}, measured from {@code start} unless it is {@link CallStarts#NONE}. */
  private static void countFailure(CallStats stats, long start) {
    if (start == CallStarts.NONE) {
      stats.recordFailure();
    } else {
      stats.recordFailure(start);
    }
  }

  /** The start of a call the site took over ({@link AsyncRetry}): a clock reading only with latency. */
  long startTakenOver() {
    return timed ? stats.startNanos() : 0;
  }

  /**
   * Ends a call that returned {@code result}. For a method that does not return a {@code
   * CompletionStage}, records a success and returns {@code result}.
   *
   * <p>For a {@code CompletionStage} method the outcome is recorded when {@code result}
   * completes, and the caller gets a stage that completes, with the same outcome, only after
   * that: for a {@code CompletableFuture} type, a new instance of the method's return type whose
   * cancellation cancels {@code result}; for {@code CompletionStage}, {@code result}'s own
   * dependent stage. A {@code null} stage is returned unchanged and recorded at once as a failure
   * ({@link NullPointerException} naming the method), which the breaker counts as per {@code
   * failOn}.
   *
   * @param <T> the method's return type
   * @param permit what {@link #enter()} returned
   * @param result what the method returned
   * @return what the caller gets: {@code result}, or for a {@code CompletionStage} method a stage
   *     that completes after the outcome is recorded
   * @throws CallTimeoutException if the method has {@code @Timeout}, does not return a {@code
   *     CompletionStage} and ran longer than its limit: the caller throws it instead of returning
   */
  @SuppressWarnings("unchecked")
  public <T> T onReturn(Object permit, T result) {
    StageFactory stages = this.stages;
    if (stages == null) {
      onSuccess(permit);
      return result;
    }
    long start = ownStart(); // first: whatever fails below, the start is off this thread
    if (result == null) {
      NullPointerException failure = nullStage(method);
      if (timeout == null) {
        vacate();
        failed(permit, failure, start);
      } else {
        CallClock clock = (CallClock) permit;
        Object inner = clock.inner();
        boolean late = exitClock(clock, inner, start);
        vacate(); // starts no timed frame on this thread: the exited frame's limit stays readable
        failed(inner, late ? timedOut(failure, clock.exitedLimitNanos()) : failure, start);
      }
      return null;
    }
    return (T) relay(stages, permit, (CompletionStage<Object>) result, start);
  }

  /**
   * Has the outcome of {@code own} recorded (measured from {@code start}) and relayed. Should that
   * fail before the outcome's callback is registered (the method's stage type cannot be
   * instantiated, or a {@link StackOverflowError} near the stack's end), the call ends with the
   * throwable, which is thrown: its clock frame, slot and breaker permit are given back.
   */
  private Object relay(StageFactory stages, Object permit, CompletionStage<Object> own, long start) {
    CompletableFuture<Object> relayed = null;
    Completion completion = null;
    try {
      if (timeout != null) {
        relayed = stages.incomplete();
      } else if (stages == StageFactory.PLAIN && !(own instanceof CompletableFuture)) {
        completion = new Completion(this, permit, null, start);
      } else {
        relayed = stages.incomplete();
        completion = new Completion(this, permit, relayed, start);
      }
      if (own instanceof CompletableFuture) { // before the outcome's callback, after which nothing may fail
        relayed.whenComplete(new Cancellation((CompletableFuture<?>) own));
      }
    } catch (Throwable e) {
      endUnrelayed(permit, e, start);
      throw e;
    }
    if (timeout != null) {
      relayTimed((CallClock) permit, own, relayed, start);
      return relayed;
    }
    CompletionStage<Object> dependent = own.whenComplete(completion);
    return relayed == null ? dependent : relayed;
  }

  /** Ends a call whose stage could not be relayed, with {@code failure}: its clock frame first, then its slot and breaker permit. */
  private void endUnrelayed(Object permit, Throwable failure, long start) {
    Object inner = permit;
    if (timeout != null) {
      CallClock clock = (CallClock) permit;
      inner = clock.inner();
      exitClock(clock, inner, start); // if that throws, it ended the call
    }
    vacate();
    failed(inner, failure, start);
  }

  /**
   * Relays the outcome of an attempt's stage {@code own} to {@code outcome} once the guards inside
   * {@code @Retry} recorded it (and, without {@code @Retry}, the counter); with {@code @Timeout},
   * ends the attempt's synchronous frame first, and {@code outcome} fails with a {@link
   * CallTimeoutException} at the deadline.
   */
  void relayAttempt(Object permit, CompletionStage<Object> own, CompletableFuture<Object> outcome) {
    if (timeout != null) {
      relayTimed((CallClock) permit, own, outcome, 0);
    } else {
      own.whenComplete(new Completion(this, permit, outcome, 0));
    }
  }

  /**
   * Relays a timed method's stage: ends the synchronous frame, then either the stage's completion
   * or its deadline decides the call, whichever comes first. A deadline already past (the method
   * took longer than the limit to return its stage) fails the caller's stage before it is
   * returned. The call's outcome is measured from {@code start} (0 for an attempt of a {@code @Retry} call).
   */
  private void relayTimed(CallClock clock, CompletionStage<Object> own, CompletableFuture<Object> relayed, long start) {
    Object inner = clock.inner();
    long deadline = clock.deadlineNanos();
    TimedCompletion completion;
    try {
      completion = new TimedCompletion(this, inner, own, relayed, deadline, deadline - clock.startNanos(), start);
    } catch (Throwable e) { // a StackOverflowError near the stack's end: the call ends with it
      endUnrelayed(clock, e, start);
      throw e;
    }
    boolean late = exitClock(clock, inner, start);
    // a stage complete when returned in time ended in time, whenever its callback runs
    completion.endedInTime = !late && own instanceof CompletableFuture && ((CompletableFuture<?>) own).isDone();
    own.whenComplete(completion);
    if (late) {
      if (completion.claimExpiry()) {
        completion.expire();
      }
    } else if (completion.pending()) {
      timer.noteNanos(completion.limitNanos);
      timer.schedule(completion);
    }
  }

  /**
   * Ends an attempt's clock frame; {@code true} if it ran over its limit. An Error there (a
   * {@link StackOverflowError} near the stack's end) still ends the attempt, with it: its slot and
   * breaker permit are given back and the Error is thrown.
   */
  private boolean exitClock(CallClock clock, Object inner) {
    try {
      return clock.exit();
    } catch (Throwable e) {
      vacate();
      failed(inner, e);
      throw e;
    }
  }

  /** As {@link #exitClock(CallClock, Object)}, for a call that started at {@code start}. */
  private boolean exitClock(CallClock clock, Object inner, long start) {
    try {
      return clock.exit();
    } catch (Throwable e) {
      vacate();
      failed(inner, e, start);
      throw e;
    }
  }

  /** Counts a timeout and makes its exception, naming the limit of the call, {@code limitNanos}. */
  private CallTimeoutException timedOut(Throwable cause, long limitNanos) {
    timeout.recordTimeout();
    Events.timeout(timeout.name(), method, limitNanos / 1_000_000L);
    return new CallTimeoutException(timeout.name(), limitNanos / 1_000_000L, cause);
  }

  /**
   * Ends a timed call's frame, the clock first, and records the outcome: a call that ran over its
   * limit is a failure with a {@link CallTimeoutException}, which is thrown.
   */
  private void endTimed(CallClock clock, Throwable failure) {
    Throwable ended = endTimedAttempt(clock, failure);
    if (ended != failure) {
      throw (CallTimeoutException) ended;
    }
  }

  /**
   * Ends a timed attempt's frame, the clock first, and records it: returns {@code failure}, or for
   * an attempt that ran over its limit the {@link CallTimeoutException} it failed with.
   */
  private Throwable endTimedAttempt(CallClock clock, Throwable failure) {
    Object inner = clock.inner();
    boolean late = exitClock(clock, inner);
    vacate(); // starts no timed frame on this thread: the exited frame's limit stays readable
    if (late) {
      CallTimeoutException timedOut = timedOut(failure, clock.exitedLimitNanos());
      failed(inner, timedOut);
      return timedOut;
    }
    if (failure == null) {
      succeeded(inner);
    } else {
      failed(inner, failure);
    }
    return failure;
  }

  /** The failure recorded for a {@code CompletionStage} method that returned {@code null}. */
  static NullPointerException nullStage(String method) {
    return new NullPointerException(method + " returned a null CompletionStage");
  }

  /**
   * Ends a call that returned normally (use {@link #onReturn} where the method returns a value).
   *
   * @param permit what {@link #enter()} returned
   * @throws CallTimeoutException if the method has {@code @Timeout} and ran longer than its limit:
   *     the caller throws it instead of returning
   */
  public void onSuccess(Object permit) {
    if (timeout != null) {
      endTimed((CallClock) permit, null);
      return;
    }
    vacate();
    succeeded(permit);
  }

  /**
   * Records an attempt's success with the breaker and then, without {@code @Retry}, the counter,
   * measured if the call started on this thread.
   */
  private void succeeded(Object permit) {
    if (breaker != null) {
      breaker.onSuccess((CircuitBreaker.Permit) permit);
    }
    if (outcomeStats != null) {
      countSuccess(outcomeStats, popStart());
    }
  }

  /** As {@link #succeeded(Object)}, for a call that started at {@code start}. */
  private void succeeded(Object permit, long start) {
    if (breaker != null) {
      breaker.onSuccess((CircuitBreaker.Permit) permit);
    }
    if (outcomeStats != null) {
      countSuccess(outcomeStats, start);
    }
  }

  /**
   * The start of a call without {@code @Retry} that ends now, taken from this thread if it started
   * there (a stage's call takes it when the method returns the stage); 0 with {@code @Retry},
   * where an attempt's end is not the call's.
   */
  private long ownStart() {
    return outcomeStats == null ? 0 : popStart();
  }

  /**
   * Ends a call that threw {@code failure}. The breaker counts it if it matches {@code failOn} and
   * not {@code ignore}; a {@link GuardRejectedException} of an inner guard never counts.
   *
   * @param permit what {@link #enter()} returned
   * @param failure what the method threw
   * @throws CallTimeoutException if the method has {@code @Timeout} and ran longer than its limit
   *     (its cause is {@code failure}): the caller throws it instead of {@code failure}
   */
  public void onFailure(Object permit, Throwable failure) {
    if (timeout != null) {
      endTimed((CallClock) permit, failure);
      return;
    }
    vacate();
    failed(permit, failure);
  }

  /**
   * Ends an attempt that threw {@code failure}, in the wrapper of a method with {@code @Retry}
   * (which calls this instead of {@link #onFailure}): records the attempt with the guards inside
   * {@code @Retry}; then, if the failure is retried and an attempt is left, waits the delay
   * (parked; an interrupt stops retrying) and starts the next attempt, returning its permit, which
   * the caller handles as one {@link #enter()} returned (a rejection goes to {@link #rejected};
   * otherwise the body runs again). Otherwise throws the call's last failure: {@code failure}
   * itself, unchanged, or the {@link CallTimeoutException} of an attempt that ran longer than its
   * {@code @Timeout}. On a site without {@code @Retry}, does what {@link #onFailure} does and
   * throws {@code failure}.
   *
   * @param permit what {@link #enter()}, {@link #retry} or {@link #returned} returned
   * @param failure what the attempt threw
   * @return the next attempt's permit; never returns normally when the call is over
   */
  public Object retry(Object permit, Throwable failure) {
    if (retry == null || permit == BODY_ONLY) {
      if (permit != BODY_ONLY) {
        onFailure(permit, failure);
      }
      throw Sneaky.<RuntimeException>rethrow(failure);
    }
    RetryingCall call = permit instanceof RetryingCall ? (RetryingCall) permit : null;
    Throwable last;
    try {
      last = endFailedAttempt(call == null ? permit : call.permit, failure);
    } catch (Throwable e) { // a StackOverflowError near the stack's end: the call ends with it
      recordCallFailed(null, popStart());
      throw e;
    }
    return next(call, last, false);
  }

  /**
   * Ends an attempt that returned normally, in the wrapper of a method with {@code @Retry} (which
   * calls this instead of {@link #onReturn} or {@link #onSuccess}): records the success and
   * returns {@code null}, upon which the caller returns the body's result. An attempt that ran
   * longer than its {@code @Timeout} failed instead, with a {@link CallTimeoutException}, and is
   * handled as {@link #retry} handles a failure: the next attempt's permit is returned, or the
   * exception thrown. On a site without {@code @Retry}, does what {@link #onSuccess} does and
   * returns {@code null}.
   *
   * @param permit what {@link #enter()}, {@link #retry} or {@link #returned} returned
   * @return {@code null} if the call succeeded; else the next attempt's permit
   */
  public Object returned(Object permit) {
    if (retry == null || permit == BODY_ONLY) {
      if (permit != BODY_ONLY) {
        onSuccess(permit);
      }
      return null;
    }
    RetryingCall call = permit instanceof RetryingCall ? (RetryingCall) permit : null;
    Object inner = call == null ? permit : call.permit;
    Throwable timedOut = null;
    try {
      if (timeout != null) {
        timedOut = endTimedAttempt((CallClock) inner, null);
      } else {
        vacate();
        succeeded(inner);
      }
    } catch (Throwable e) { // a StackOverflowError near the stack's end: the call ends with it
      recordCallFailed(null, popStart());
      throw e;
    }
    if (timedOut != null) {
      return next(call, timedOut, false);
    }
    recordCallSucceeded(call != null, popStart());
    return null;
  }

  /**
   * Ends an attempt that failed at the guards inside {@code @Retry} (not with the counter).
   *
   * @return the attempt's failure: {@code failure}, or a {@link CallTimeoutException} if it ran over its limit
   */
  Throwable endFailedAttempt(Object permit, Throwable failure) {
    if (timeout != null) {
      return endTimedAttempt((CallClock) permit, failure);
    }
    vacate();
    failed(permit, failure);
    return failure;
  }

  /**
   * After attempt {@code call.attempt} (1 without {@code call}) failed with {@code last}: the next
   * attempt's permit, after its delay; or, when the call is over, the last rejection (which {@link
   * #rejected} throws), or the last failure is thrown. Attempts that the inner guards refuse are
   * retried in the same way, without running the body.
   *
   * @param refused whether {@code last} is a rejection by this site's own guards
   */
  private Object next(RetryingCall call, Throwable last, boolean refused) {
    int attempt = call == null ? 1 : call.attempt;
    long delay;
    while ((delay = retryDelayNanos(last, attempt)) >= 0 && pause(delay)) {
      attempt++;
      recordRetry(attempt, delay, last);
      Object permit;
      try {
        permit = enterAttempt();
      } catch (Throwable e) { // a StackOverflowError near the stack's end: the call ends with it
        recordCallFailed(null, popStart());
        throw e;
      }
      if (!(permit instanceof GuardRejectedException)) {
        if (call == null) {
          call = new RetryingCall();
        }
        call.permit = permit;
        call.attempt = attempt;
        return call;
      }
      GuardRejectedException rejection = (GuardRejectedException) permit;
      if (fallbackFor(rejection) != null) { // the refusing guard's fallback decides the call
        popStart();
        recordCallRejected(rejection);
        return rejection;
      }
      last = exception(rejection);
      refused = true;
    }
    recordCallFailed(refused ? (GuardRejectedException) last : null, popStart());
    if (refused) {
      return last;
    }
    throw Sneaky.<RuntimeException>rethrow(last);
  }

  /**
   * The delay before the attempt after {@code attempt}, which failed with {@code last}; {@code -1}
   * if it is not retried: the failure is not retried, or no attempt is left (then the call is
   * counted as exhausted).
   */
  long retryDelayNanos(Throwable last, int attempt) {
    RetryConfig retryConfig = retry.config(); // one configuration decides, the latest reconfigured
    if (!retryConfig.isRetried(last)) {
      return -1;
    }
    if (attempt >= retryConfig.maxAttempts()) {
      retry.recordExhausted();
      return -1;
    }
    return retryConfig.delayNanos(attempt, random.getAsDouble());
  }

  /**
   * Waits {@code nanos} on the timer's clock, parked with no lock held.
   *
   * @return {@code false} if the thread is or gets interrupted (the flag stays set): no retry then
   */
  private boolean pause(long nanos) {
    Thread current = Thread.currentThread();
    if (current.isInterrupted()) {
      return false;
    }
    TimeSource time = timer.time;
    long deadline = time.nanoTime() + nanos;
    for (long remaining = nanos; remaining > 0; remaining = deadline - time.nanoTime()) {
      time.parkNanos(remaining);
      if (current.isInterrupted()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Gives back what an admitted attempt holds (its clock frame, bulkhead slot and breaker permit)
   * without running it: the call was cancelled while the attempt waited for admission. Nothing is
   * recorded: the attempt did not run.
   */
  void abandonAttempt(Object permit) {
    Object inner = permit;
    if (timeout != null) {
      CallClock clock = (CallClock) permit;
      inner = clock.inner();
      clock.exit();
    }
    vacate();
    releaseBreakerPermit(inner);
  }

  /**
   * Counts a retry: an attempt after the first, about to start.
   *
   * @param attempt its number (2 for the first retry)
   * @param delayNanos the delay waited before it
   * @param last what the previous attempt failed with
   */
  void recordRetry(int attempt, long delayNanos, Throwable last) {
    retry.recordRetry();
    Events.retry(retry.name(), method, attempt, delayNanos, last);
  }

  /** Counts a call of a {@code @Retry} site that succeeded, measured from {@code start}. */
  void recordCallSucceeded(boolean afterRetry, long start) {
    if (stats != null) {
      countSuccess(stats, start);
    }
    if (afterRetry) {
      retry.recordSuccessAfterRetry();
    }
  }

  /**
   * Counts a call of a {@code @Retry} site that failed (measured from {@code start}), or ended with
   * {@code refusal}, its own guard's rejection (not measured).
   */
  void recordCallFailed(GuardRejectedException refusal, long start) {
    if (stats != null) {
      if (refusal != null) {
        stats.recordRejection(kindOf(refusal));
      } else {
        countFailure(stats, start);
      }
    }
  }

  /** A site takes over a call of a {@code CompletionStage} method with {@code @Retry}. */
  private Object takeOver() {
    if (BODY_ONLY_FOR.get() == this) {
      BODY_ONLY_FOR.set(null);
      return BODY_ONLY;
    }
    if (stats != null) {
      stats.recordCall();
    }
    return takeOver;
  }

  /** Marks {@code site}'s next entry on this thread as body only; returns the mark it replaced. */
  static GuardSite markBodyOnly(GuardSite site) {
    GuardSite outer = BODY_ONLY_FOR.get();
    BODY_ONLY_FOR.set(site);
    return outer;
  }

  /** Restores the mark {@link #markBodyOnly} replaced. */
  static void unmarkBodyOnly(GuardSite outer) {
    BODY_ONLY_FOR.set(outer);
  }

  /** Runs the body of a call the site took over, once. */
  Object invokeBody(Object target, Object[] arguments) throws Throwable {
    return invoker.invoke(this, target, arguments);
  }

  StageFactory stages() {
    return stages;
  }

  TimeoutTimer timer() {
    return timer;
  }

  boolean hasFallbackFor(GuardRejectedException rejection) {
    return fallbackFor(rejection) != null;
  }

  GuardRejectedException rejectionException(GuardRejectedException rejection) {
    return exception(rejection);
  }


  /**
   * Records an attempt's failure with the breaker (unless it is an inner guard's rejection) and
   * then, without {@code @Retry}, the counter, measured if the call started on this thread.
   */
  private void failed(Object permit, Throwable failure) {
    breakerFailed(permit, failure);
    if (outcomeStats != null) {
      countFailure(outcomeStats, popStart());
    }
  }

  /** As {@link #failed(Object, Throwable)}, for a call that started at {@code start}. */
  private void failed(Object permit, Throwable failure, long start) {
    breakerFailed(permit, failure);
    if (outcomeStats != null) {
      countFailure(outcomeStats, start);
    }
  }

  /** Tells the breaker of an attempt's failure: a permit given back for an inner guard's rejection. */
  private void breakerFailed(Object permit, Throwable failure) {
    if (breaker != null) {
      if (failure instanceof GuardRejectedException) {
        breaker.releasePermit((CircuitBreaker.Permit) permit);
      } else {
        breaker.onFailure((CircuitBreaker.Permit) permit, failure);
      }
    }
  }

  /**
   * Handles a call that {@link #enter()} refused: runs the fallback of the refusing guard if it
   * has one and returns its result; otherwise returns the rejection as a failed stage (of the
   * method's return type) for a {@code CompletionStage} method, or throws it. Exceptions of the
   * fallback propagate unchanged (for a {@code CompletionStage} method: as a failed stage).
   *
   * @param rejection what {@link #enter()} returned
   * @param target the instance the method was called on ({@code null} for a static method)
   * @param arguments the call's arguments ({@code null} or empty for a method without parameters)
   * @return the fallback's result, or a failed stage for a {@code CompletionStage} method
   */
  public Object rejected(Object rejection, Object target, Object[] arguments) {
    if (takesOver && rejection == takeOver) {
      return AsyncRetry.start(this, target, arguments);
    }
    GuardRejectedException refused = (GuardRejectedException) rejection;
    Fallback fallback = fallbackFor(refused);
    if (fallback != null) {
      try {
        return fallback.invoke(target, arguments, fallback.takesRejection() ? exception(refused) : null);
      } catch (Throwable t) {
        if (stages != null) {
          return stages.failed(t);
        }
        throw Sneaky.<RuntimeException>rethrow(t);
      }
    }
    GuardRejectedException exception = exception(refused);
    if (stages != null) {
      return stages.failed(exception);
    }
    throw exception;
  }

  private Fallback fallbackFor(GuardRejectedException refused) {
    if (refused == breakerRejection || refused == trialsTakenRejection || refused instanceof CircuitOpenException) {
      return breakerFallback;
    }
    return refused == bulkheadRejection || refused instanceof BulkheadFullException
        ? bulkheadFallback : throttledFallback;
  }

  /** The exception to throw or hand on for a rejection: new for a marker, else the one given. */
  private GuardRejectedException exception(GuardRejectedException refused) {
    if (refused == breakerRejection || refused == trialsTakenRejection) {
      // the state that refused the call, whatever the breaker's state is now
      return new CircuitOpenException(breaker.name(),
          refused == breakerRejection ? CircuitBreaker.State.OPEN : CircuitBreaker.State.HALF_OPEN);
    }
    if (refused == throttleRejection) {
      return new ThrottledException(limiter.name());
    }
    if (refused == bulkheadRejection) {
      return new BulkheadFullException(bulkhead.name());
    }
    return refused;
  }

  /** {@return the guarded method, {@code <binary class name>#<method name>}} */
  public String method() {
    return method;
  }

  @Override
  public String toString() {
    return "GuardSite[" + method + (mode == Mode.GUARDED ? "" : ", " + mode.name().toLowerCase().replace('_', '-')) + "]";
  }

  /** A site's shared stand-in for one guard's rejections, between enter() and rejected(); never thrown. */
  private static final class Marker extends GuardRejectedException {
    private static final long serialVersionUID = 1L;

    Marker(String guardName) {
      super(guardName, "rejection by '" + guardName + "' (marker)", null);
    }
  }

  /**
   * Records the outcome of an asynchronous call when the method's stage completes, then (if
   * given) completes the stage the caller holds with the same outcome.
   */
  private static final class Completion implements BiConsumer<Object, Throwable> {
    private final GuardSite site;
    private final Object permit;
    private final CompletableFuture<Object> relayed;
    private final long start;

    Completion(GuardSite site, Object permit, CompletableFuture<Object> relayed, long start) {
      this.site = site;
      this.permit = permit;
      this.relayed = relayed;
      this.start = start;
    }

    @Override
    public void accept(Object value, Throwable failure) {
      try {
        site.vacate();
        if (failure == null) {
          site.succeeded(permit, start);
        } else {
          site.failed(permit, failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure, start);
        }
      } finally {
        if (relayed != null) {
          if (failure == null) {
            relayed.complete(value);
          } else {
            relayed.completeExceptionally(failure);
          }
        }
      }
    }
  }

  /**
   * Decides a timed asynchronous call: the method's stage completing in time records its outcome
   * and relays it; the deadline coming first ({@link #expire()}, on the timer's hand-off executor,
   * or at once for a stage returned late) records a timeout, fails the caller's stage and, with
   * {@code interrupt}, cancels the method's own stage. The bulkhead slot is given back when the
   * method's own stage completes, whichever came first.
   */
  private static final class TimedCompletion extends AsyncDeadline implements BiConsumer<Object, Throwable> {
    private final GuardSite site;
    // Let go once the call is decided (by the side that decided it): the timer may hold a decided
    // completion until it next drains its queue, and must not keep the stages and their values.
    private Object inner;
    private CompletionStage<Object> own;
    private CompletableFuture<Object> relayed;
    /** Set before the callback is registered: the method's stage was complete when returned in time. */
    boolean endedInTime;
    private final long start;
    /** The call's time limit, from its start to {@code deadline}. */
    final long limitNanos;

    TimedCompletion(GuardSite site, Object inner, CompletionStage<Object> own, CompletableFuture<Object> relayed,
        long deadline, long limitNanos, long start) {
      super(deadline);
      this.limitNanos = limitNanos;
      this.site = site;
      this.inner = inner;
      this.own = own;
      this.relayed = relayed;
      this.start = start;
    }

    @Override
    public void accept(Object value, Throwable failure) {
      site.vacate();
      if (!cancel()) {
        return; // the deadline came first and decided the call
      }
      Object inner = this.inner;
      CompletableFuture<Object> relayed = this.relayed;
      letGo();
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (!endedInTime && site.timer.time.nanoTime() - deadlineNanos() >= 0) { // late, before the timer saw it
        CallTimeoutException timedOut = site.timedOut(cause, limitNanos);
        try {
          site.failed(inner, timedOut, start);
        } finally {
          relayed.completeExceptionally(timedOut);
        }
        return;
      }
      try {
        if (failure == null) {
          site.succeeded(inner, start);
        } else {
          site.failed(inner, cause, start);
        }
      } finally {
        if (failure == null) {
          relayed.complete(value);
        } else {
          relayed.completeExceptionally(failure);
        }
      }
    }

    @Override
    void expire() {
      Object inner = this.inner;
      CompletionStage<Object> own = this.own;
      CompletableFuture<Object> relayed = this.relayed;
      letGo();
      CallTimeoutException timedOut = site.timedOut(null, limitNanos);
      try {
        site.failed(inner, timedOut, start);
      } finally {
        relayed.completeExceptionally(timedOut);
        if (site.interruptAtDeadline) {
          cancel(own);
        }
      }
    }

    private void letGo() {
      inner = null;
      own = null;
      relayed = null;
    }

    private static void cancel(CompletionStage<Object> own) {
      try {
        own.toCompletableFuture().cancel(true);
      } catch (UnsupportedOperationException cannotCancel) {
        // a stage without a future runs to its end; its slot is given back then
      }
    }
  }

  /** Cancels the method's own future when the caller cancels the stage it got instead. */
  private static final class Cancellation implements BiConsumer<Object, Throwable> {
    private final CompletableFuture<?> own;

    Cancellation(CompletableFuture<?> own) {
      this.own = own;
    }

    @Override
    public void accept(Object value, Throwable failure) {
      if (failure instanceof CancellationException && !own.isDone()) {
        own.cancel(true);
      }
    }
  }

  /** The permit of a synchronous call after its first retry: the running attempt's permit and number. */
  private static final class RetryingCall {
    /** What the running attempt's entry returned. */
    Object permit;
    /** The running attempt's number, from 2. */
    int attempt;

    @Override
    public String toString() {
      return "attempt " + attempt + " (" + permit + ")";
    }
  }

  /** Rethrows any throwable without declaring it: the fallback's own exceptions pass unchanged. */
  private static final class Sneaky {
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
      throw (T) t;
    }
  }
}
