package example.cost;

import dev.warden.annotations.Breaker;
import java.lang.management.ManagementFactory;

/** Opens a woven breaker, then prints the fewest bytes allocated per rejection over five rounds. */
public final class Main {

  private boolean failing = true;

  @Breaker(name = "cost.woven", failureThreshold = 1, cooldownMillis = 600_000, fallback = "cached")
  String call() {
    if (failing) {
      throw new IllegalStateException("down");
    }
    return "ok";
  }

  String cached() {
    return "cached";
  }

  public static void main(String[] args) {
    Main main = new Main();
    try {
      main.call();
    } catch (IllegalStateException expected) {
      main.failing = false;
    }
    int calls = 100_000;
    long fewest = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = allocatedBytes();
      for (int i = 0; i < calls; i++) {
        if (main.call() != "cached") {
          throw new AssertionError("fallback result expected");
        }
      }
      fewest = Math.min(fewest, allocatedBytes() - before);
    }
    System.out.println("bytes per rejection: " + fewest / calls);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
