package dev.warden.runtime.site;

import dev.warden.runtime.FakeTime;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Model checking (Lincheck) of one thread's clock against the timer: the owner's timed calls (one
 * thread), the timer's sweeps (another), and time moving on (any thread), on a fake clock. The
 * model: a call times out iff the time at its end is at or past its deadline; the interrupt flag
 * is clear whenever no call is running (so the timer never interrupts a call that ended, and exit
 * clears what it raised). The timer's interrupt itself is not in the model: it shows only as a flag
 * the owner must find clear after each call and once the sweeps are over.
 *
 * <p>The checker switches threads only at shared-memory accesses, and the timer's {@code
 * interrupt()} is none: the window between the timer winning a clock and interrupting is covered
 * by {@link CallClockRaceTest} (a hook holds the timer there) and {@link StrayInterruptTest}.
 */
public class CallClockLinearizabilityTest {

  private static final long NANOS = 10;
  /** Sweeps in every scenario below. */
  private static final int SWEEPS = 2;

  private final FakeTime time = new FakeTime(0);
  private final TimeoutTimer timer = new TimeoutTimer(time, Runnable::run, false);
  private volatile int sweeps;
  private CallClock clock;
  private boolean running;

  /** Starts a call unless one runs; {@return false if the flag was set while no call ran (a stray)} */
  @Operation(nonParallelGroup = "owner")
  public boolean enter() {
    if (running) {
      return true;
    }
    if (clock == null) { // the first call on this thread in this scenario
      Thread.interrupted(); // a previous scenario may have ended inside a fired call
      clock = timer.clock();
    }
    boolean clear = !Thread.currentThread().isInterrupted();
    clock.enter(NANOS, true, null);
    running = true;
    return clear;
  }

  /** Ends the running call; {@return 1 timed out, 0 not, 2 nothing ran, -1 the flag left set} */
  @Operation(nonParallelGroup = "owner")
  public int exit() {
    if (!running) {
      return 2;
    }
    running = false;
    boolean timedOut = clock.exit();
    if (Thread.interrupted()) {
      return -1;
    }
    return timedOut ? 1 : 0;
  }

  /**
   * The owner's last operation: waits until the timer's sweeps are over, then {@return whether the
   * flag is set} (an interrupt that arrived after the last call ended).
   */
  @Operation(nonParallelGroup = "owner")
  public boolean strayAfterAll() {
    while (sweeps < SWEEPS) {
      Thread.onSpinWait();
    }
    return Thread.interrupted();
  }

  @Operation
  public void tick() {
    time.advance(NANOS / 2);
  }

  @Operation(nonParallelGroup = "timer")
  public void sweep() {
    timer.scanOnce();
    sweeps++;
  }

  /**
   * Fixed scenarios, every interleaving explored: the owner's calls must stay on one thread (the
   * clock is the thread's), which random scenarios do not keep (their first and last parts run
   * elsewhere).
   */
  @Test
  void oneCallRacingSweepsAndTime() throws Exception {
    check(List.of(actor("enter"), actor("exit"), actor("strayAfterAll")), List.of(actor("sweep"), actor("sweep")),
        List.of(actor("tick"), actor("tick")));
  }

  @Test
  void twoCallsRacingSweepsAndTime() throws Exception {
    check(List.of(actor("enter"), actor("exit"), actor("enter"), actor("exit"), actor("strayAfterAll")), List.of(actor("sweep"), actor("sweep")),
        List.of(actor("tick"), actor("tick"), actor("tick")));
  }

  private void check(List<Actor> owner, List<Actor> timer, List<Actor> clock) {
    List<List<Actor>> threads = List.of(owner, timer, clock);
    ExecutionScenario scenario = new ExecutionScenario(List.of(), threads, List.of(), null);
    new ModelCheckingOptions()
        .iterations(0)
        .invocationsPerIteration(3_000)
        .threads(threads.size())
        .addCustomScenario(scenario)
        .sequentialSpecification(Model.class)
        .check(getClass());
  }

  private static Actor actor(String operation) throws NoSuchMethodException {
    return new Actor(CallClockLinearizabilityTest.class.getMethod(operation), List.of());
  }

  /** The sequential specification. */
  public static final class Model {
    private long now;
    private long deadline;
    private boolean running;

    public boolean enter() {
      if (!running) {
        running = true;
        deadline = now + NANOS;
      }
      return true;
    }

    public int exit() {
      if (!running) {
        return 2;
      }
      running = false;
      return now - deadline >= 0 ? 1 : 0;
    }

    public void tick() {
      now += NANOS / 2;
    }

    public void sweep() {}

    public boolean strayAfterAll() {
      return false;
    }
  }
}
