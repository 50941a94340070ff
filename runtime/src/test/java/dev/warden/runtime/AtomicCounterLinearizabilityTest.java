package dev.warden.runtime;

import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/** Model checking (Lincheck) of {@link AtomicCounter} against a plain {@code long}. */
public class AtomicCounterLinearizabilityTest {

  private final AtomicCounter counter = new AtomicCounter(5);

  @Operation
  public long increment() {
    return counter.increment();
  }

  @Operation
  public long incrementByTwo() {
    return counter.increment(2);
  }

  @Operation
  public long value() {
    return counter.value();
  }

  @Test
  void isLinearizable() {
    ModelChecking.check(ModelChecking.options(5, 500, 3).sequentialSpecification(Plain.class), getClass());
  }

  /** The sequential specification. */
  public static final class Plain {
    private long value = 5;

    public long increment() {
      return ++value;
    }

    public long incrementByTwo() {
      return value += 2;
    }

    public long value() {
      return value;
    }
  }
}
