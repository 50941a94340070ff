package dev.warden.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A call of a generated {@code @Retry} method that succeeds at its first attempt allocates
 * nothing: the retry loop adds no object to the success path, for a value, a {@code void} and a
 * primitive method.
 */
class RetryCostTest {

  @Test
  void aFirstAttemptSuccessThroughAGeneratedRetryLoopAllocatesNothing() throws Throwable {
    Compiled c = Compiled.compile(
        "retrycost.Client", """
            package retrycost;
            import dev.warden.annotations.*;
            @Retry(delayMillis = 0)
            public class Client {
              int runs;
              public String value() { runs++; return "ok"; }
              public void nothing() { runs++; }
              public int number() { return ++runs & 63; }
            }
            """,
        "retrycost.Probe", """
            package retrycost;
            import java.lang.management.ManagementFactory;
            public class Probe {
              /** The fewest bytes allocated per call (three calls, one of each method) over five rounds. */
              public static long bytesPerCall() {
                Client client = new GuardedClient();
                int calls = 100_000;
                long fewest = Long.MAX_VALUE;
                for (int round = 0; round < 5; round++) {
                  long before = allocated();
                  for (int i = 0; i < calls; i++) {
                    if (client.value() != "ok") throw new AssertionError("value expected");
                    client.nothing();
                    if (client.number() > 63) throw new AssertionError("small number expected");
                  }
                  fewest = Math.min(fewest, allocated() - before);
                }
                if (client.runs != 3 * 5 * calls) throw new AssertionError("each body once per call: " + client.runs);
                return fewest / calls;
              }
              private static long allocated() {
                return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                    .getThreadAllocatedBytes(Thread.currentThread().getId());
              }
            }
            """);
    Method probe = c.type("retrycost.Probe").getMethod("bytesPerCall");
    assertEquals(0L, probe.invoke(null));
  }
}
