package dev.warden.runtime;

import dev.warden.runtime.jfr.Events;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A circuit breaker that opens after {@code failureThreshold} consecutive failures.
 *
 * <p>{@code CLOSED}: calls pass; a failure adds one to the consecutive-failure count, a success
 * resets it. {@code OPEN}: calls are refused until {@code cooldownMillis} have passed since it
 * opened, then the breaker is {@code HALF_OPEN}: at most {@code halfOpenCalls} trial calls run at
 * once (a trial admitted in an earlier half-open period that is still running holds its slot);
 * a trial that ends its period frees its slot only after the transition, and a slot taken is
 * kept only if the period that was asked is still current, so no call is admitted by a period
 * that has ended;
 * when that many trials of the period have succeeded the breaker closes, any trial failure opens
 * it again. An outcome that does not count (ignored, or matching no {@code failOn} entry) gives
 * its trial slot back and changes nothing else.
 *
 * <p>Each state is an object of its own; a transition is one compare-and-set of the current
 * state, so it happens exactly once, is counted ({@link #transitions(State)}), logged once through
 * {@link System.Logger} {@code dev.warden} (opening at {@code WARNING} naming the failure that
 * opened it, which is attached for its stack trace only to the first opening after 60 s without
 * one, so a flapping breaker logs one stack trace a minute at most; the other transitions at
 * {@code INFO}), emitted as the JFR event {@code
 * dev.warden.BreakerTransition} when that is recorded, and delivered once to each {@link
 * BreakerListener}; whatever a listener throws is logged and changes nothing. The opening time is read after the open state is published, so the
 * cooldown is never shorter than {@code cooldownMillis} from the moment calls were first refused.
 * The closed path reads one volatile field, never the clock, and writes nothing unless a failure
 * count must be reset.
 *
 * <p>{@link #reconfigure} changes the numbers while the breaker runs, keeping its state: a closed
 * breaker keeps its consecutive failures and opens at the next failure that brings them to the
 * new threshold (a count already above it opens at the next failure, not at once); an open
 * breaker keeps its opening time, and the new cooldown decides when the current open period ends;
 * a half-open breaker admits trials up to the new {@code halfOpenCalls} and closes when that many
 * of its trials have succeeded (trials running beyond a lowered count finish; the next success
 * closes it).
 *
 * <p>Two ways to use it:
 *
 * <ul>
 *   <li>Exact: {@link #tryAcquirePermit()} returns a {@link Permit} bound to the state that
 *       admitted the call; hand it to exactly one of {@link #onSuccess(Permit)}, {@link
 *       #onFailure(Permit, Throwable)} or {@link #releasePermit(Permit)}. An outcome that arrives
 *       after the breaker moved on never counts against the new state.
 *   <li>Simple: {@link #tryAcquirePermission()}, then exactly one of {@link #recordSuccess()},
 *       {@link #recordFailure(Throwable)} or {@link #recordFailure()}. The calls are anonymous, so
 *       an outcome counts against the current state; an outcome reported while trials admitted by
 *       this API are running is taken as one of theirs and frees its slot. No slot ever leaks,
 *       but with overlapping calls across transitions the accounting is approximate: use permits
 *       where that matters.
 * </ul>
 *
 * <p>Thread-safe and lock-free: every method may be called concurrently.
 *
 * <p>Example, with permits, guarding calls to a search index by hand:
 *
 * <pre>{@code
 * CircuitBreaker index = CircuitBreaker.create("search-index",
 *     new CircuitBreakerConfig(10, 30_000, 2, List.of(IOException.class), List.of()));
 *
 * List<Hit> search(String query) throws IOException {
 *   CircuitBreaker.Permit permit = index.tryAcquirePermit();
 *   if (permit == null) {
 *     throw new CircuitOpenException(index.name(), index.state());
 *   }
 *   try {
 *     List<Hit> hits = client.search(query);
 *     index.onSuccess(permit);
 *     return hits;
 *   } catch (Throwable t) {
 *     index.onFailure(permit, t);
 *     throw t;
 *   }
 * }
 * }</pre>
 */
public final class CircuitBreaker implements Guard {

  /**
   * The breaker's states, as {@link #state()} reports them and listeners receive them. Immutable.
   *
   * <pre>{@code
   * if (breaker.state() == CircuitBreaker.State.OPEN) {
   *   log.info("serving from cache while " + breaker.name() + " is open");
   * }
   * }</pre>
   */
  public enum State {
    /** Calls pass; failures are counted. */
    CLOSED,
    /** Calls are refused until the cooldown has passed. */
    OPEN,
    /** A limited number of trial calls decide whether to close or open again. */
    HALF_OPEN
  }

  /**
   * Proof that a call was admitted, bound to the state that admitted it. Opaque: only {@link
   * #tryAcquirePermit()} makes one; each must be handed back exactly once. Thread-safe: a permit may
   * be handed back on another thread than the one that acquired it (e.g. when a stage completes).
   *
   * <pre>{@code
   * CircuitBreaker.Permit permit = breaker.tryAcquirePermit();
   * if (permit == null) {
   *   return fallback();
   * }
   * try {
   *   Result result = call();
   *   breaker.onSuccess(permit);
   *   return result;
   * } catch (RuntimeException e) {
   *   breaker.onFailure(permit, e);
   *   throw e;
   * }
   * }</pre>
   */
  public abstract static class Permit {
    private final CircuitBreaker owner;

    private Permit(CircuitBreaker owner) {
      this.owner = owner;
    }

    abstract State state();

    @Override
    public String toString() {
      return "Permit[" + state() + "]";
    }
  }

  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final VarHandle PHASE;
  /** {@link #latestOpening} before the first opening. */
  private static final long NEVER_OPENED = Long.MIN_VALUE;
  private static final long QUIET_OPENING_NANOS = TimeUnit.SECONDS.toNanos(RefusalLog.QUIET_SECONDS);
  /**
   * What {@link #recordFailure()} reports: a failure of no particular type. Stackless: a stack
   * trace would record the static initialiser of the first class to use a breaker and so pin
   * that class and its loader for as long as the runtime lives.
   */
  private static final Throwable UNTYPED_FAILURE = new Throwable("untyped failure", null, false, false) {
    private static final long serialVersionUID = 1L;
  };

  static {
    try {
      PHASE =
          MethodHandles.lookup().findVarHandle(CircuitBreaker.class, "phase", Phase.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  /** The configuration in force; replaced whole by {@link #reconfigure}. */
  private volatile CircuitBreakerConfig config;
  private final TimeSource time;
  private final CopyOnWriteArrayList<BreakerListener> listeners = new CopyOnWriteArrayList<>();
  /** Trial calls admitted and not yet ended, whichever half-open period admitted them. */
  private final AtomicInteger trialsRunning = new AtomicInteger();
  /** Trials admitted through {@link #tryAcquirePermission()} whose outcome is not yet recorded. */
  private final AtomicInteger anonymousTrials = new AtomicInteger();
  /** Entries into each state (by ordinal), counted by the transition that made them. */
  private final AtomicLongArray entries = new AtomicLongArray(State.values().length);
  private volatile Phase phase = new Closed(this);
  /** When it last opened (the newest opening time logged), or {@link #NEVER_OPENED}; read only to log. */
  private final AtomicLong latestOpening = new AtomicLong(NEVER_OPENED);

  private CircuitBreaker(String name, CircuitBreakerConfig config, TimeSource time) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.time = Objects.requireNonNull(time, "time");
  }

  /**
   * A breaker on the system clock.
   *
   * @param name the name it reports in rejections, logs and JMX
   * @param config its configuration
   * @return a new, closed breaker
   */
  public static CircuitBreaker create(String name, CircuitBreakerConfig config) {
    return new CircuitBreaker(name, config, TimeSource.SYSTEM);
  }

  /**
   * A breaker on the given time source (tests inject a fake one).
   *
   * @param name the name it reports in rejections, logs and JMX
   * @param config its configuration
   * @param time the clock that times the cooldown
   * @return a new, closed breaker
   */
  public static CircuitBreaker create(String name, CircuitBreakerConfig config, TimeSource time) {
    return new CircuitBreaker(name, config, time);
  }

  /** {@return the name it reports in rejections, logs and JMX} */
  public String name() {
    return name;
  }

  /** {@return its configuration: the one it was created with, or the latest {@link #reconfigure} set} */
  public CircuitBreakerConfig config() {
    return config;
  }

  /**
   * Replaces its numbers, keeping its state (see the class comment).
   *
   * @param config the new configuration
   * @throws IllegalArgumentException if its {@code failOn} or {@code ignore} differ from the
   *     current ones: only the numbers can change
   */
  public void reconfigure(CircuitBreakerConfig config) {
    Objects.requireNonNull(config, "config");
    CircuitBreakerConfig current = this.config;
    if (!config.failOn().equals(current.failOn()) || !config.ignore().equals(current.ignore())) {
      throw new IllegalArgumentException("Circuit breaker '" + name + "': only the numbers can change, not failOn "
          + current.failOn() + " or ignore " + current.ignore() + "; got " + config);
    }
    this.config = config;
    Phase now = phase;
    if (now instanceof HalfOpen && ((HalfOpen) now).successes.get() >= config.halfOpenCalls()) {
      transition(now, new Closed(this), null, 0); // as many trials as it now asks for have succeeded
    }
  }

  /**
   * {@return the current state} An open breaker whose cooldown has passed becomes (and reports)
   * {@code HALF_OPEN}.
   */
  public State state() {
    Phase current = phase;
    if (current instanceof Open && cooldownOver((Open) current)) {
      transition(current, new HalfOpen(this), null, 0);
      return phase.state();
    }
    return current.state();
  }

  /** {@return the consecutive failures counted while closed (0 in the other states)} */
  public int consecutiveFailures() {
    Phase current = phase;
    return current instanceof Closed ? ((Closed) current).failures.get() : 0;
  }

  /**
   * {@return how many times the breaker has entered {@code to} since it was created} Monotonic;
   * each transition counts once, just after it happened (before listeners hear of it). A new
   * breaker is closed without having entered {@code CLOSED}.
   *
   * @param to the state entered
   */
  public long transitions(State to) {
    return entries.get(Objects.requireNonNull(to, "to").ordinal());
  }

  /**
   * Adds a listener told of every later transition.
   *
   * @param listener the listener
   */
  public void addListener(BreakerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener added before.
   *
   * @param listener the listener
   * @return whether it was registered
   */
  public boolean removeListener(BreakerListener listener) {
    return listeners.remove(listener);
  }

  /**
   * Asks to run one call, for exact accounting.
   *
   * @return a permit to hand to exactly one of {@link #onSuccess(Permit)}, {@link
   *     #onFailure(Permit, Throwable)} or {@link #releasePermit(Permit)}; {@code null} if the call
   *     is refused (open, or half-open with every trial slot taken)
   */
  public Permit tryAcquirePermit() {
    Phase current = phase;
    return current instanceof Closed ? current : (Permit) acquireSlow(current, null, null);
  }

  /**
   * {@link #tryAcquirePermit()} for callers that must know which state refused a call without
   * allocating (a guard site hands on a shared marker per refusing state).
   *
   * @param ifOpen what to return when the circuit is open
   * @param ifTrialsTaken what to return when it is half-open with every trial slot taken
   * @return a {@link Permit}; or, if the call is refused, {@code ifOpen} when the circuit is open
   *     and {@code ifTrialsTaken} when it is half-open with every trial slot taken
   */
  public Object tryAcquirePermit(Object ifOpen, Object ifTrialsTaken) {
    Phase current = phase;
    return current instanceof Closed ? current : acquireSlow(current, ifOpen, ifTrialsTaken);
  }

  private Object acquireSlow(Phase current, Object ifOpen, Object ifTrialsTaken) {
    for (;;) {
      if (current instanceof Closed) {
        return current;
      }
      if (current instanceof Open) {
        if (!cooldownOver((Open) current)) {
          return ifOpen;
        }
        transition(current, new HalfOpen(this), null, 0);
      } else if (!takeTrialSlot()) {
        return ifTrialsTaken;
      } else if (phase == current) {
        return current;
      } else {
        trialsRunning.decrementAndGet(); // the period ended meanwhile: the slot is not its to give
      }
      current = phase;
    }
  }

  private boolean takeTrialSlot() {
    int slots = config.halfOpenCalls();
    for (int running = trialsRunning.get(); running < slots; running = trialsRunning.get()) {
      if (trialsRunning.compareAndSet(running, running + 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reports that the call admitted by {@code permit} returned normally.
   *
   * @param permit the permit {@link #tryAcquirePermit()} returned for the call
   * @throws IllegalArgumentException if {@code permit} is {@code null} or another breaker's
   */
  public void onSuccess(Permit permit) {
    checkOwner(permit);
    if (permit instanceof HalfOpen) {
      HalfOpen trial = (HalfOpen) permit;
      if (trial.successes.incrementAndGet() >= config.halfOpenCalls()) { // >=: the count may have been lowered
        transition(trial, new Closed(this), null, 0);
      }
      trialsRunning.decrementAndGet(); // after the transition: see acquireSlow
    } else {
      ((Closed) permit).reset();
    }
  }

  /**
   * Reports that the call admitted by {@code permit} threw {@code failure}. It counts only if it
   * matches {@code failOn} and not {@code ignore}; otherwise the permit is just released.
   *
   * @param permit the permit {@link #tryAcquirePermit()} returned for the call
   * @param failure what the call threw
   * @throws IllegalArgumentException if {@code permit} is {@code null} or another breaker's
   */
  public void onFailure(Permit permit, Throwable failure) {
    checkOwner(permit);
    CircuitBreakerConfig config = this.config;
    if (!config.isFailure(failure)) {
      releasePermit(permit);
    } else if (permit instanceof HalfOpen) {
      transition((HalfOpen) permit, new Open(this), failure, 0);
      trialsRunning.decrementAndGet(); // after the transition: see acquireSlow
    } else {
      int failures = ((Closed) permit).failures.incrementAndGet();
      if (failures >= config.failureThreshold()) {
        transition((Closed) permit, new Open(this), failure, failures);
      }
    }
  }

  /**
   * Gives back a permit whose call neither succeeded nor failed (e.g. an inner guard refused it).
   *
   * @param permit the permit {@link #tryAcquirePermit()} returned for the call
   * @throws IllegalArgumentException if {@code permit} is {@code null} or another breaker's
   */
  public void releasePermit(Permit permit) {
    checkOwner(permit);
    if (permit instanceof HalfOpen) {
      trialsRunning.decrementAndGet();
    }
  }

  /**
   * Asks to run one call, for simple use; if it returns {@code true}, report the call's outcome
   * with exactly one of {@link #recordSuccess()}, {@link #recordFailure(Throwable)} or {@link
   * #recordFailure()}.
   *
   * @return whether the call may run
   */
  public boolean tryAcquirePermission() {
    Permit permit = tryAcquirePermit();
    if (permit instanceof HalfOpen) {
      anonymousTrials.incrementAndGet();
    }
    return permit != null;
  }

  /** Reports that a call admitted by {@link #tryAcquirePermission()} returned normally. */
  public void recordSuccess() {
    Permit permit = anonymousPermit();
    if (permit != null) {
      onSuccess(permit);
    }
  }

  /**
   * Reports that a call admitted by {@link #tryAcquirePermission()} threw {@code failure}; it
   * counts only if it matches {@code failOn} and not {@code ignore}.
   *
   * @param failure what the call threw
   */
  public void recordFailure(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    Permit permit = anonymousPermit();
    if (permit != null) {
      onFailure(permit, failure);
    }
  }

  /**
   * Reports that a call admitted by {@link #tryAcquirePermission()} failed, without saying how:
   * the same as {@link #recordFailure(Throwable)} with a plain {@link Throwable}, so it counts
   * only if {@code failOn} lists {@code Throwable} itself (the default) and {@code ignore} does
   * not.
   */
  public void recordFailure() {
    recordFailure(UNTYPED_FAILURE);
  }

  /**
   * The permit an anonymous outcome reports against: a trial of the current half-open period if
   * trials of this API are running, the current closed state otherwise; {@code null} when the
   * outcome can change nothing. A trial that ends after its period is over only frees its slot.
   */
  private Permit anonymousPermit() {
    Phase current = phase;
    if (takeAnonymousTrial()) {
      if (current instanceof HalfOpen) {
        return current;
      }
      trialsRunning.decrementAndGet();
      return null;
    }
    return current instanceof Closed ? current : null;
  }

  private boolean takeAnonymousTrial() {
    for (int running = anonymousTrials.get(); running > 0; running = anonymousTrials.get()) {
      if (anonymousTrials.compareAndSet(running, running - 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the cooldown of {@code open} is over. The first caller to find the opening time
   * missing (the opener between its transition and its clock read) reads the clock and records
   * it: every reading taken after the transition, so the cooldown is never cut short.
   */
  private boolean cooldownOver(Open open) {
    long openedAt = open.openedAt();
    if (openedAt == Open.UNSTAMPED) {
      open.stamp(time.nanoTime());
      openedAt = open.openedAt();
    }
    return time.nanoTime() - openedAt >= TimeUnit.MILLISECONDS.toNanos(config.cooldownMillis());
  }

  /**
   * Moves the breaker from {@code from} to {@code to} unless another transition came first.
   *
   * @param failure what opened it ({@code null} unless {@code to} is open)
   * @param failures the consecutive failures that opened a closed breaker ({@code 0} otherwise)
   */
  private void transition(Phase from, Phase to, Throwable failure, int failures) {
    if (!PHASE.compareAndSet(this, from, to)) {
      return;
    }
    if (to instanceof Open) {
      ((Open) to).stamp(time.nanoTime()); // after the transition: see cooldownOver
    }
    entries.incrementAndGet(to.state().ordinal());
    Events.breakerTransition(name, from.state().name(), to.state().name());
    try {
      if (to instanceof Open) {
        logOpening(from, failure, failures, ((Open) to).openedAt());
      } else {
        LOG.log(System.Logger.Level.INFO, "Circuit breaker ''{0}'': {1} -> {2}", name, from.state(), to.state());
      }
    } catch (Throwable e) {
      // a failing logging backend must not change the outcome of the call that moved the breaker
    }
    for (BreakerListener listener : listeners) {
      try {
        listener.onStateChange(this, from.state(), to.state());
      } catch (Throwable e) {
        try {
          LOG.log(System.Logger.Level.WARNING, "Listener of circuit breaker '" + name + "' failed", e);
        } catch (Throwable logFailure) {
          // nor may a failing logging backend
        }
      }
    }
  }

  /**
   * Logs an opening at {@code WARNING}: why it opened and the last failure. The failure is attached,
   * for the backend to print its stack trace, only at the first opening after a quiet period (none
   * for {@link RefusalLog#QUIET_SECONDS} s, or none before), and only if its message could be read;
   * never the untyped failure of {@link #recordFailure()}.
   *
   * @param openedAt when it opened, on the breaker's clock
   */
  private void logOpening(Phase from, Throwable failure, int failures, long openedAt) {
    String why = from instanceof Closed
        ? " after " + failures + " consecutive failure" + (failures == 1 ? "" : "s")
        : ": a trial call failed";
    boolean afterQuiet = afterQuietPeriod(openedAt);
    String last;
    boolean attach = false;
    if (failure == UNTYPED_FAILURE) {
      last = "an untyped failure (recordFailure())";
    } else {
      String text;
      try {
        String message = failure.getMessage();
        text = message == null ? "" : ": " + message;
        attach = afterQuiet;
      } catch (Throwable unreadable) { // the backend could not print it either
        text = " (its getMessage() threw " + unreadable.getClass().getName() + ")";
      }
      last = failure.getClass().getName() + text
          + (afterQuiet ? "" : " (no stack trace: it opened less than " + RefusalLog.QUIET_SECONDS
              + " s after its previous opening)");
    }
    String message = "Circuit breaker '" + name + "': " + from.state() + " -> OPEN" + why + "; calls are refused for "
        + config.cooldownMillis() + " ms; last failure: " + last;
    if (attach) {
      LOG.log(System.Logger.Level.WARNING, message, failure);
    } else {
      LOG.log(System.Logger.Level.WARNING, message);
    }
  }

  /**
   * Notes an opening at {@code openedAt} and tells whether it ends a quiet period. Openings logged
   * out of order keep the newest time.
   *
   * @return whether no opening came in the quiet period before it
   */
  private boolean afterQuietPeriod(long openedAt) {
    long previous = latestOpening.getAndAccumulate(openedAt,
        (latest, now) -> latest == NEVER_OPENED || now - latest > 0 ? now : latest);
    return previous == NEVER_OPENED || openedAt - previous >= QUIET_OPENING_NANOS;
  }

  private void checkOwner(Permit permit) {
    if (permit == null || permit.owner != this) {
      throw invalidPermit(permit);
    }
  }

  private IllegalArgumentException invalidPermit(Permit permit) {
    return new IllegalArgumentException(
        "Not a permit of circuit breaker '" + name + "': " + permit
            + (permit != null ? " of '" + permit.owner.name + "'" : ""));
  }

  @Override
  public String toString() {
    return "CircuitBreaker[" + name + ", " + phase.state() + "]";
  }

  /** One state of the breaker; a permit is the state object that admitted the call (never an open one). */
  private abstract static class Phase extends Permit {
    Phase(CircuitBreaker owner) {
      super(owner);
    }
  }

  private static final class Closed extends Phase {
    final AtomicInteger failures = new AtomicInteger();

    Closed(CircuitBreaker owner) {
      super(owner);
    }

    void reset() {
      if (failures.get() != 0) {
        failures.set(0);
      }
    }

    @Override
    State state() {
      return State.CLOSED;
    }
  }

  private static final class Open extends Phase {
    static final long UNSTAMPED = Long.MIN_VALUE;

    /** When it opened, {@link #UNSTAMPED} until the first clock reading after the transition. */
    private final AtomicLong openedAt = new AtomicLong(UNSTAMPED);

    Open(CircuitBreaker owner) {
      super(owner);
    }

    long openedAt() {
      return openedAt.get();
    }

    /** Records {@code now} as the opening time unless one is recorded already. */
    void stamp(long now) {
      openedAt.compareAndSet(UNSTAMPED, now == UNSTAMPED ? now + 1 : now);
    }

    @Override
    State state() {
      return State.OPEN;
    }
  }

  private static final class HalfOpen extends Phase {
    /** Trials of this period that succeeded. */
    final AtomicInteger successes = new AtomicInteger();

    HalfOpen(CircuitBreaker owner) {
      super(owner);
    }

    @Override
    State state() {
      return State.HALF_OPEN;
    }
  }
}
