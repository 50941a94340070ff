package dev.warden.runtime;

import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.junit.jupiter.api.Test;

/**
 * Model checking (Lincheck) of {@link ConcurrencyLimiter} with 2 slots against a counter of free
 * slots. Each thread releases only slots it holds. Besides the never-waiting {@code tryAcquire()},
 * a caller may wait (on a fake clock, where parking moves time to the deadline): its slot comes
 * either free or handed over by a release, which exercises the queue, the hand-over and a grant
 * racing the end of a wait. The model has no waiting: a wait that ends with a slot is an
 * acquisition at the moment of the grant, one that ends without is a refusal.
 */
@Param(name = "thread", gen = ThreadIdGen.class)
public class ConcurrencyLimiterLinearizabilityTest {

  static final int SLOTS = 2;
  static final int THREADS = 3;

  private final ConcurrencyLimiter limiter =
      ConcurrencyLimiter.create("model-checked", new ConcurrencyLimiterConfig(SLOTS, 0), new FakeTime(0));
  private final int[] held = new int[THREADS + 2];

  @Operation
  public boolean tryAcquire(@Param(name = "thread") int thread) {
    return took(thread, limiter.tryAcquire());
  }

  @Operation
  public boolean tryAcquireWaiting(@Param(name = "thread") int thread) throws InterruptedException {
    return took(thread, limiter.tryAcquire(1, TimeUnit.MILLISECONDS));
  }

  @Operation
  public boolean release(@Param(name = "thread") int thread) {
    if (held[thread] == 0) {
      return false;
    }
    held[thread]--;
    limiter.release();
    return true;
  }

  @Operation
  public int available() {
    return limiter.available();
  }

  private boolean took(int thread, boolean admitted) {
    if (admitted) {
      held[thread]++;
    }
    return admitted;
  }

  @Test
  void isLinearizable() {
    ModelChecking.check(ModelChecking.options(15, 500, 4).sequentialSpecification(Slots.class), getClass());
  }

  /** The sequential specification: free slots, and the slots each thread holds. */
  public static final class Slots {
    private int free = SLOTS;
    private final int[] held = new int[THREADS + 2];

    public boolean tryAcquire(int thread) {
      if (free == 0) {
        return false;
      }
      free--;
      held[thread]++;
      return true;
    }

    public boolean tryAcquireWaiting(int thread) {
      return tryAcquire(thread);
    }

    public boolean release(int thread) {
      if (held[thread] == 0) {
        return false;
      }
      held[thread]--;
      free++;
      return true;
    }

    public int available() {
      return free;
    }
  }
}
