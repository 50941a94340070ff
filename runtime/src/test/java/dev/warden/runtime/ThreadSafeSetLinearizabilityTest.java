package dev.warden.runtime;

import java.util.HashSet;
import java.util.Set;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/** Model checking (Lincheck) of {@link ThreadSafeSet} against {@link HashSet}, on three keys. */
@Param(name = "key", gen = IntGen.class, conf = "1:3")
public class ThreadSafeSetLinearizabilityTest {

  private final ThreadSafeSet<Integer> set = new ThreadSafeSet<>();

  @Operation
  public boolean add(@Param(name = "key") int key) {
    return set.add(key);
  }

  @Operation
  public boolean contains(@Param(name = "key") int key) {
    return set.contains(key);
  }

  @Test
  void isLinearizable() {
    ModelChecking.check(ModelChecking.options(2, 300, 2).sequentialSpecification(Plain.class), getClass());
  }

  /** The sequential specification. */
  public static final class Plain {
    private final Set<Integer> set = new HashSet<>();

    public boolean add(int key) {
      return set.add(key);
    }

    public boolean contains(int key) {
      return set.contains(key);
    }
  }
}
