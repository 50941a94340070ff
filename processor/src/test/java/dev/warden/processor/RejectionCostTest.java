package dev.warden.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A rejection through a generated wrapper, of a method without parameters, answered by a
 * fallback without a {@code Throwable} parameter, allocates nothing: the wrapper passes no
 * argument array to the site.
 */
class RejectionCostTest {

  @Test
  void aGeneratedRejectionWithAFallbackAllocatesNothing() throws Throwable {
    Compiled c = Compiled.compile(
        "cost.Client", """
            package cost;
            import dev.warden.annotations.*;
            public class Client {
              boolean failing = true;
              @Breaker(name = "cost.generated", failureThreshold = 1, cooldownMillis = 600000, fallback = "cached")
              public String call() {
                if (failing) throw new IllegalStateException("down");
                return "ok";
              }
              String cached() { return "cached"; }
            }
            """,
        "cost.Probe", """
            package cost;
            import java.lang.management.ManagementFactory;
            public class Probe {
              /** The fewest bytes allocated per rejection over five rounds. */
              public static long bytesPerRejection() {
                Client client = new GuardedClient();
                try { client.call(); } catch (IllegalStateException expected) { client.failing = false; }
                int calls = 100_000;
                long fewest = Long.MAX_VALUE;
                for (int round = 0; round < 5; round++) {
                  long before = allocated();
                  for (int i = 0; i < calls; i++) {
                    if (client.call() != "cached") throw new AssertionError("fallback result expected");
                  }
                  fewest = Math.min(fewest, allocated() - before);
                }
                return fewest / calls;
              }
              private static long allocated() {
                return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                    .getThreadAllocatedBytes(Thread.currentThread().getId());
              }
            }
            """);
    Method probe = c.type("cost.Probe").getMethod("bytesPerRejection");
    assertEquals(0L, probe.invoke(null));
  }
}
