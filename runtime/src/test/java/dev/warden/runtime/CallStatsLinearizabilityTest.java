package dev.warden.runtime;

import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Model checking (Lincheck) of {@link CallStats} against a sequential counter model. An operation
 * is a whole call (enter and its outcome); the readers of the outcomes must be linearizable, so
 * that no reading runs ahead of what happened or goes backwards (defect 16). {@code calls()} is
 * left out of the operations: it counts a call when it enters, before its outcome, which a model
 * of whole calls cannot express; its monotonicity is in {@link CallStatsTest}.
 */
public class CallStatsLinearizabilityTest {

  private final CallStats stats = new CallStats("model-checked");

  @Operation
  public void succeededCall() {
    stats.recordCall();
    stats.recordSuccess();
  }

  @Operation
  public void failedCall() {
    stats.recordCall();
    stats.recordFailure();
  }

  @Operation
  public void rejectedCall() {
    stats.recordCall();
    stats.recordRejection();
  }

  @Operation
  public long successes() {
    return stats.successes();
  }

  @Operation
  public long failures() {
    return stats.failures();
  }

  @Operation
  public long rejections() {
    return stats.rejections();
  }

  /** Defect 16: found as a non-linearizable {@code successes()} before the fix. */
  @Test
  void isLinearizable() {
    ModelChecking.check(ModelChecking.options(10, 500, 3).sequentialSpecification(Counts.class), getClass());
  }

  /** The sequential specification: three plain counters. */
  public static final class Counts {
    private long successes;
    private long failures;
    private long rejections;

    public void succeededCall() {
      successes++;
    }

    public void failedCall() {
      failures++;
    }

    public void rejectedCall() {
      rejections++;
    }

    public long successes() {
      return successes;
    }

    public long failures() {
      return failures;
    }

    public long rejections() {
      return rejections;
    }
  }
}
