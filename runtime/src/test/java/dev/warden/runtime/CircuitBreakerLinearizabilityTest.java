package dev.warden.runtime;

import java.io.IOException;
import java.util.List;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.junit.jupiter.api.Test;

/**
 * Model checking (Lincheck) of {@link CircuitBreaker} on a fake clock against the
 * consecutive-failure state machine: threshold 1, cooldown two ticks, two trial slots (one in {@link CircuitBreakerOneTrialLinearizabilityTest}). Each
 * thread holds at most one permit between {@code acquire} and its outcome, so calls in flight
 * across transitions are part of the model (defect 6); ticks racing with an opening failure
 * must not shorten the cooldown (defect 17).
 */
@Param(name = "thread", gen = ThreadIdGen.class)
public class CircuitBreakerLinearizabilityTest {

  static final long TICK = 500_000;
  static final long COOLDOWN_MILLIS = 1;
  static final int THRESHOLD = 1;
  static final int THREADS = 3;

  private final FakeTime time = new FakeTime(0);
  private final CircuitBreaker breaker = CircuitBreaker.create("model-checked",
      new CircuitBreakerConfig(THRESHOLD, COOLDOWN_MILLIS, trials(), List.of(IOException.class), List.of()), time);
  private final CircuitBreaker.Permit[] permits = new CircuitBreaker.Permit[THREADS + 2];

  /** How many random scenarios {@link #isLinearizable()} checks. */
  int randomScenarios() {
    return 15;
  }

  /** The breaker's trial slots (called while constructing). */
  int trials() {
    return 2;
  }

  @Operation
  public boolean acquire(@Param(name = "thread") int thread) {
    if (permits[thread] != null) {
      return false;
    }
    permits[thread] = breaker.tryAcquirePermit();
    return permits[thread] != null;
  }

  @Operation
  public void succeed(@Param(name = "thread") int thread) {
    var permit = permits[thread];
    if (permit != null) {
      permits[thread] = null;
      breaker.onSuccess(permit);
    }
  }

  @Operation
  public void fail(@Param(name = "thread") int thread) {
    var permit = permits[thread];
    if (permit != null) {
      permits[thread] = null;
      breaker.onFailure(permit, new IOException());
    }
  }

  @Operation
  public void tick() {
    time.advance(TICK);
  }

  @Operation
  public CircuitBreaker.State state() {
    return breaker.state();
  }

  @Test
  void isLinearizable() {
    ModelChecking.check(ModelChecking.options(randomScenarios(), 500, 4).sequentialSpecification(specification()).actorsBefore(0).actorsAfter(0).minimizeFailedScenario(false), getClass());
  }

  /** The sequential specification for this configuration. */
  Class<? extends StateMachine> specification() {
    return StateMachine.class;
  }

  /** The sequential specification: the state machine with per-period permits and a clock. */
  public static class StateMachine {
    private final int trials;
    private long now;
    private CircuitBreaker.State state = CircuitBreaker.State.CLOSED;
    private int period;
    private int failures;
    private int trialSuccesses;
    private int trialsRunning;
    private long openedAt;
    /** Per thread: 0 none, else the period that admitted it (positive closed, negative trial). */
    private final int[] permits = new int[THREADS + 2];

    public StateMachine() {
      this(2);
    }

    StateMachine(int trials) {
      this.trials = trials;
    }

    public boolean acquire(int thread) {
      if (permits[thread] != 0) {
        return false;
      }
      refresh();
      if (state == CircuitBreaker.State.CLOSED) {
        permits[thread] = period + 1;
        return true;
      }
      if (state == CircuitBreaker.State.HALF_OPEN && trialsRunning < trials) {
        trialsRunning++;
        permits[thread] = -(period + 1);
        return true;
      }
      return false;
    }

    public void succeed(int thread) {
      int permit = permits[thread];
      permits[thread] = 0;
      if (permit > 0 && permit == period + 1) {
        failures = 0;
      } else if (permit < 0) {
        trialsRunning--;
        if (-permit == period + 1 && ++trialSuccesses == trials) {
          enter(CircuitBreaker.State.CLOSED);
        }
      }
    }

    public void fail(int thread) {
      int permit = permits[thread];
      permits[thread] = 0;
      if (permit > 0 && permit == period + 1) {
        if (++failures >= THRESHOLD) {
          enter(CircuitBreaker.State.OPEN);
        }
      } else if (permit < 0) {
        trialsRunning--;
        if (-permit == period + 1) {
          enter(CircuitBreaker.State.OPEN);
        }
      }
    }

    public void tick() {
      now += TICK;
    }

    public CircuitBreaker.State state() {
      refresh();
      return state;
    }

    private void refresh() {
      if (state == CircuitBreaker.State.OPEN && now - openedAt >= COOLDOWN_MILLIS * 1_000_000) {
        enter(CircuitBreaker.State.HALF_OPEN);
      }
    }

    private void enter(CircuitBreaker.State next) {
      state = next;
      period++;
      failures = 0;
      trialSuccesses = 0;
      openedAt = now;
    }
  }
}
