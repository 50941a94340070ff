package dev.warden.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A circuit breaker that opens after {@code failureThreshold} consecutive failures.
 *
 * <p>{@code CLOSED}: calls pass; a failure adds one to the consecutive-failure count, a success
 * resets it. {@code OPEN}: calls are refused until {@code cooldownMillis} have passed, then the
 * breaker is {@code HALF_OPEN}: at most {@code halfOpenCalls} trial calls run at once; when that
 * many have succeeded the breaker closes, any trial failure opens it again.
 *
 * <p>Each state is an object of its own; a transition is one compare-and-set of the current
 * state, so it happens exactly once, is logged once through {@link System.Logger} {@code
 * dev.warden} and is delivered once to each {@link BreakerListener}. The closed path reads one
 * volatile field, never the clock, and writes nothing unless a failure count must be reset.
 *
 * <p>Two ways to use it. Simple: {@link #tryAcquirePermission()} then {@link #recordSuccess()}
 * or {@link #recordFailure(Throwable)}. Exact: {@link #tryAcquirePermit()} returns a permit
 * bound to the state that admitted the call, and {@link #onSuccess(Object)}, {@link
 * #onFailure(Object, Throwable)} or {@link #releasePermit(Object)} report against that state, so
 * an outcome that arrives after the breaker moved on never counts against the new state.
 *
 * <p>Thread-safe and lock-free: every method may be called concurrently.
 */
public final class CircuitBreaker {

  /** The breaker's states. */
  public enum State {
    /** Calls pass; failures are counted. */
    CLOSED,
    /** Calls are refused until the cooldown has passed. */
    OPEN,
    /** A limited number of trial calls decide whether to close or open again. */
    HALF_OPEN
  }

  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final VarHandle PHASE;

  static {
    try {
      PHASE =
          MethodHandles.lookup().findVarHandle(CircuitBreaker.class, "phase", Phase.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final CircuitBreakerConfig config;
  private final TimeSource time;
  private final long cooldownNanos;
  private final CopyOnWriteArrayList<BreakerListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Phase phase = new Closed();

  private CircuitBreaker(String name, CircuitBreakerConfig config, TimeSource time) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.time = Objects.requireNonNull(time, "time");
    this.cooldownNanos = TimeUnit.MILLISECONDS.toNanos(config.cooldownMillis());
  }

  /** A breaker on the system clock. */
  public static CircuitBreaker create(String name, CircuitBreakerConfig config) {
    return new CircuitBreaker(name, config, TimeSource.SYSTEM);
  }

  /** A breaker on the given time source (tests inject a fake one). */
  public static CircuitBreaker create(String name, CircuitBreakerConfig config, TimeSource time) {
    return new CircuitBreaker(name, config, time);
  }

  /** The name it reports in rejections, logs and JMX. */
  public String name() {
    return name;
  }

  /** Its configuration. */
  public CircuitBreakerConfig config() {
    return config;
  }

  /** The current state; an open breaker whose cooldown has passed becomes (and reports) {@code HALF_OPEN}. */
  public State state() {
    Phase current = phase;
    if (current instanceof Open && cooldownOver((Open) current)) {
      transition(current, new HalfOpen(config.halfOpenCalls()));
      return phase.state();
    }
    return current.state();
  }

  /** Consecutive failures counted while closed (0 in the other states). */
  public int consecutiveFailures() {
    Phase current = phase;
    return current instanceof Closed ? ((Closed) current).failures.get() : 0;
  }

  /** Adds a listener told of every later transition. */
  public void addListener(BreakerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added before; returns whether it was registered. */
  public boolean removeListener(BreakerListener listener) {
    return listeners.remove(listener);
  }

  /**
   * Asks to run one call.
   *
   * @return an opaque permit to hand to exactly one of {@link #onSuccess(Object)}, {@link
   *     #onFailure(Object, Throwable)} or {@link #releasePermit(Object)}; {@code null} if the call
   *     is refused (open, or half-open with every trial slot taken)
   */
  public Object tryAcquirePermit() {
    Phase current = phase;
    return current instanceof Closed ? current : acquireSlow(current);
  }

  private Object acquireSlow(Phase current) {
    for (;;) {
      if (current instanceof Closed) {
        return current;
      }
      if (current instanceof Open) {
        if (!cooldownOver((Open) current)) {
          return null;
        }
        transition(current, new HalfOpen(config.halfOpenCalls()));
      } else if (((HalfOpen) current).takeSlot()) {
        return current;
      } else {
        return null;
      }
      current = phase;
    }
  }

  /** Reports that the call admitted by {@code permit} returned normally. */
  public void onSuccess(Object permit) {
    if (permit instanceof Closed) {
      ((Closed) permit).reset();
    } else if (permit instanceof HalfOpen) {
      HalfOpen trial = (HalfOpen) permit;
      if (trial.successes.incrementAndGet() == config.halfOpenCalls()) {
        transition(trial, new Closed());
      }
    } else {
      throw invalidPermit(permit);
    }
  }

  /**
   * Reports that the call admitted by {@code permit} threw {@code failure}. It counts only if it
   * matches {@code failOn} and not {@code ignore}; otherwise the permit is just released.
   */
  public void onFailure(Object permit, Throwable failure) {
    if (config.isFailure(failure)) {
      countFailure(permit);
    } else {
      releasePermit(permit);
    }
  }

  private void countFailure(Object permit) {
    if (permit instanceof Closed) {
      if (((Closed) permit).failures.incrementAndGet() >= config.failureThreshold()) {
        transition((Closed) permit, new Open(time.nanoTime()));
      }
    } else if (permit instanceof HalfOpen) {
      transition((HalfOpen) permit, new Open(time.nanoTime()));
    } else {
      throw invalidPermit(permit);
    }
  }

  /** Gives back a permit whose call neither succeeded nor failed (e.g. an inner guard refused it). */
  public void releasePermit(Object permit) {
    if (permit instanceof HalfOpen) {
      ((HalfOpen) permit).freeSlots.incrementAndGet();
    } else if (!(permit instanceof Closed)) {
      throw invalidPermit(permit);
    }
  }

  /** Whether a call may run now; if so, report its outcome with {@link #recordSuccess()} or {@link #recordFailure(Throwable)}. */
  public boolean tryAcquirePermission() {
    return tryAcquirePermit() != null;
  }

  /** Reports a success against the current state. */
  public void recordSuccess() {
    Phase current = phase;
    if (!(current instanceof Open)) {
      onSuccess(current);
    }
  }

  /** Reports a failure that counts against the current state. */
  public void recordFailure() {
    Phase current = phase;
    if (!(current instanceof Open)) {
      countFailure(current);
    }
  }

  /** Reports {@code failure} against the current state; counts only if it matches {@code failOn} and not {@code ignore}. */
  public void recordFailure(Throwable failure) {
    if (config.isFailure(failure)) {
      recordFailure();
    }
  }

  private boolean cooldownOver(Open open) {
    return time.nanoTime() - open.openedAt >= cooldownNanos;
  }

  private void transition(Phase from, Phase to) {
    if (PHASE.compareAndSet(this, from, to)) {
      LOG.log(System.Logger.Level.INFO, "Circuit breaker ''{0}'': {1} -> {2}", name, from.state(), to.state());
      for (BreakerListener listener : listeners) {
        try {
          listener.onStateChange(this, from.state(), to.state());
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "Listener of circuit breaker '" + name + "' failed", e);
        }
      }
    }
  }

  private IllegalArgumentException invalidPermit(Object permit) {
    return new IllegalArgumentException(
        "Not a permit of circuit breaker '" + name + "': " + permit);
  }

  @Override
  public String toString() {
    return "CircuitBreaker[" + name + ", " + phase.state() + "]";
  }

  /** One state of the breaker; a permit is the state object that admitted the call. */
  private abstract static class Phase {
    abstract State state();
  }

  private static final class Closed extends Phase {
    final AtomicInteger failures = new AtomicInteger();

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
    final long openedAt;

    Open(long openedAt) {
      this.openedAt = openedAt;
    }

    @Override
    State state() {
      return State.OPEN;
    }
  }

  private static final class HalfOpen extends Phase {
    final AtomicInteger freeSlots;
    final AtomicInteger successes = new AtomicInteger();

    HalfOpen(int slots) {
      this.freeSlots = new AtomicInteger(slots);
    }

    boolean takeSlot() {
      for (int free = freeSlots.get(); free > 0; free = freeSlots.get()) {
        if (freeSlots.compareAndSet(free, free - 1)) {
          return true;
        }
      }
      return false;
    }

    @Override
    State state() {
      return State.HALF_OPEN;
    }
  }
}
