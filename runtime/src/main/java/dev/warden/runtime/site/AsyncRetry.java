package dev.warden.runtime.site;

import dev.warden.runtime.GuardRejectedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * One call of a {@code CompletionStage} method with {@code @Retry}: runs its attempts and
 * completes the caller's stage with the first success or the last failure. The first attempt
 * runs on the caller's thread; each later one is scheduled on the site's {@link TimeoutTimer}
 * for its delay and runs on the timer's hand-off executor, so no thread waits for a stage or a
 * delay. Each attempt passes the site's inner guards again ({@link GuardSite#enterAttempt}) and
 * is recorded by them like any asynchronous call; the call itself is recorded once, by whoever
 * completes it ({@link #claim}): the site's methods it calls never record the call.
 *
 * <p>Cancelling the caller's stage stops the call: the running attempt's own stage is
 * cancelled and no further attempt starts.
 *
 * <p>Thread-safety: attempts run one at a time (each starts after the previous one ended);
 * {@link #stop} may run concurrently with any of them.
 */
final class AsyncRetry implements BiConsumer<Object, Throwable> {

  private static final VarHandle DONE;

  static {
    try {
      DONE = MethodHandles.lookup().findVarHandle(AsyncRetry.class, "done", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final GuardSite site;
  private final Object target;
  private final Object[] arguments;
  private final CompletableFuture<Object> caller;
  /** When the call started, for its duration (0 without latency). */
  private final long start;
  /** Attempts started so far. */
  private int attempt;
  /** The running attempt's own stage, to cancel with the call. */
  private volatile CompletionStage<?> running;
  /** The next attempt while its delay runs, to cancel with the call. */
  private volatile NextAttempt next;
  /** The failure retried and its delay, while the next attempt waits (read when it starts). */
  private Throwable retried;
  private long retryDelayNanos;
  /** Whether the call's outcome was recorded (see {@link #claim}). */
  private volatile boolean done;

  private AsyncRetry(GuardSite site, Object target, Object[] arguments, CompletableFuture<Object> caller) {
    this.site = site;
    this.target = target;
    this.arguments = arguments;
    this.caller = caller;
    this.start = site.startTakenOver();
  }

  /** Starts the call: runs the first attempt here and returns the caller's stage. */
  static CompletableFuture<Object> start(GuardSite site, Object target, Object[] arguments) {
    CompletableFuture<Object> caller = site.stages().incomplete();
    AsyncRetry call = new AsyncRetry(site, target, arguments, caller);
    caller.whenComplete((value, failure) -> {
      if (caller.isCancelled()) {
        call.stop();
      }
    });
    call.runAttempt();
    return caller;
  }

  /** Starts the next attempt, unless the call is over. */
  void runAttempt() {
    if (done) {
      return;
    }
    attempt++;
    Object permit;
    try {
      permit = site.enterAttempt();
    } catch (Throwable e) { // a StackOverflowError near the stack's end: the call ends with it
      fail(e, null);
      return;
    }
    if (permit instanceof GuardRejectedException) {
      refused((GuardRejectedException) permit);
      return;
    }
    if (done) { // cancelled while the attempt waited for a token or a slot: its body must not run
      site.abandonAttempt(permit);
      return;
    }
    Object own;
    try {
      own = site.invokeBody(target, arguments);
    } catch (Throwable failure) {
      failed(permit, failure);
      return;
    }
    if (own == null) {
      failed(permit, GuardSite.nullStage(site.method()));
      return;
    }
    @SuppressWarnings("unchecked")
    CompletionStage<Object> stage = (CompletionStage<Object>) own;
    running = stage;
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    try {
      site.relayAttempt(permit, stage, outcome);
    } catch (Throwable e) { // a StackOverflowError near the stack's end: the call ends with it
      fail(e, null);
      return;
    }
    outcome.whenComplete(this);
    if (done) {
      cancel(stage); // the caller cancelled while this attempt started
    }
  }

  /** An attempt refused by an inner guard: its fallback decides the call, else it is a failed attempt. */
  private void refused(GuardRejectedException rejection) {
    if (done) { // cancelled while the attempt waited for a token or a slot
      return;
    }
    if (site.hasFallbackFor(rejection)) {
      Object result;
      try {
        result = site.rejected(rejection, target, arguments);
      } catch (Throwable e) {
        fail(e, rejection);
        return;
      }
      if (!claim()) {
        return;
      }
      site.recordCallRejected(rejection);
      relay(result);
      return;
    }
    failedWith(site.rejectionException(rejection), true);
  }

  /** An attempt whose body threw or returned no stage: ended at the inner guards, then decided. */
  private void failed(Object permit, Throwable failure) {
    Throwable last;
    try {
      last = site.endFailedAttempt(permit, failure);
    } catch (Throwable e) { // a StackOverflowError near the stack's end: the call ends with it
      fail(e, null);
      return;
    }
    failedWith(last, false);
  }

  /** The outcome of an attempt's stage, after the inner guards recorded it. */
  @Override
  public void accept(Object value, Throwable failure) {
    running = null;
    if (failure == null) {
      if (claim()) {
        site.recordCallSucceeded(attempt > 1, start);
        caller.complete(value);
      }
      return;
    }
    failedWith(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure,
        false);
  }

  /** Retries after a failed attempt if the failure is retried and an attempt is left; else ends the call. */
  private void failedWith(Throwable last, boolean refused) {
    if (done) {
      return;
    }
    long delay = site.retryDelayNanos(last, attempt);
    if (delay < 0) {
      fail(last, refused ? (GuardRejectedException) last : null);
      return;
    }
    retried = last;
    retryDelayNanos = delay;
    NextAttempt task = new NextAttempt(this, site.timer().time.nanoTime() + delay);
    next = task;
    if (done) {
      task.drop();
      return;
    }
    site.timer().schedule(task);
  }

  /** Ends the call with {@code last}, unless it is over; {@code refusal}: the inner guard's rejection that ended it. */
  private void fail(Throwable last, GuardRejectedException refusal) {
    if (claim()) {
      site.recordCallFailed(refusal, start);
      caller.completeExceptionally(last);
    }
  }


  /** Relays a fallback's stage (or value) to the caller. */
  private void relay(Object result) {
    if (!(result instanceof CompletionStage)) {
      caller.completeExceptionally(GuardSite.nullStage(site.method() + "'s fallback"));
      return;
    }
    ((CompletionStage<?>) result).whenComplete((value, failure) -> {
      if (failure == null) {
        caller.complete(value);
      } else {
        caller.completeExceptionally(failure);
      }
    });
  }

  /** The caller cancelled its stage: no further attempt, and the running one is cancelled. */
  private void stop() {
    if (claim()) {
      site.recordCallFailed(null, start);
    }
    NextAttempt task = next;
    if (task != null) {
      task.drop();
    }
    CompletionStage<?> stage = running;
    if (stage != null) {
      cancel(stage);
    }
  }

  /** {@return true for the one party that ends the call and records its outcome} */
  private boolean claim() {
    return DONE.compareAndSet(this, false, true);
  }

  private static void cancel(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().cancel(true);
    } catch (UnsupportedOperationException cannotCancel) {
      // a stage without a future runs to its end
    }
  }

  /** Starts the attempt after a delay, unless the call is over; counts it as a retry. */
  private void runNext() {
    next = null;
    Throwable last = retried;
    retried = null;
    if (!done) {
      site.recordRetry(attempt + 1, retryDelayNanos, last);
      runAttempt();
    }
  }

  /**
   * The delay before the next attempt, on the timer. A dropped one lets go of its call at once:
   * the timer may keep it until its deadline, and must not keep the call's target, arguments and
   * stages.
   */
  private static final class NextAttempt extends AsyncDeadline {
    private volatile AsyncRetry call;

    NextAttempt(AsyncRetry call, long deadlineNanos) {
      super(deadlineNanos);
      this.call = call;
    }

    /** The call is over: no attempt, and nothing held. */
    void drop() {
      cancel();
      call = null;
    }

    @Override
    void expire() {
      AsyncRetry call = this.call;
      if (call != null) {
        call.runNext();
      }
    }
  }
}
