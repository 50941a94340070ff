package dev.warden.runtime.site;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.Allocations;
import dev.warden.runtime.GuardRejectedException;

/**
 * A rough, JMH-free orientation (not a test, not a benchmark): nanoseconds and bytes allocated
 * per call of a 10M-call loop through a {@link GuardSite} on one thread, for each guard alone,
 * all three stacked, a direct call, and {@code System.nanoTime()} alone for reference. Run from the module directory after {@code mvn verify}:
 * {@code java -cp target/classes:target/test-classes:../annotations/target/classes
 * dev.warden.runtime.site.QuickMeasure}. JMH numbers are the benchmarks module's job.
 */
public final class QuickMeasure {

  private static final int CALLS = 10_000_000;
  private static final int ROUNDS = 5;

  static class Targets {
    @CountCalls(name = "measure.count")
    static long count(long x) {
      return x + 1;
    }

    @Breaker(name = "measure.breaker")
    static long breaker(long x) {
      return x + 1;
    }

    @Throttled(name = "measure.throttled", callsPerSecond = 1e12, burst = 1_000_000, maxWaitMillis = 0)
    static long throttled(long x) {
      return x + 1;
    }

    @CountCalls(name = "measure.all")
    @Breaker(name = "measure.all")
    @Throttled(name = "measure.all", callsPerSecond = 1e12, burst = 1_000_000, maxWaitMillis = 0)
    static long all(long x) {
      return x + 1;
    }
  }

  private QuickMeasure() {}

  /** Prints one line per variant: best-of-5 ns per call and bytes allocated per call. */
  public static void main(String[] args) {
    GuardSite count = GuardSite.forMethod(Targets.class, "count", long.class);
    GuardSite breaker = GuardSite.forMethod(Targets.class, "breaker", long.class);
    GuardSite throttled = GuardSite.forMethod(Targets.class, "throttled", long.class);
    GuardSite all = GuardSite.forMethod(Targets.class, "all", long.class);
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      System.out.println("round " + round);
      sink += report("direct", null);
      sink += reportClock();
      sink += report("@CountCalls", count);
      sink += report("@Breaker", breaker);
      sink += report("@Throttled (never throttling)", throttled);
      sink += report("all three", all);
    }
    System.out.println("(sink " + sink + ")");
  }

  private static long report(String label, GuardSite site) {
    long bytes = Allocations.ofThisThread();
    long start = System.nanoTime();
    long sink = site == null ? loopDirect() : loop(site);
    long nanos = System.nanoTime() - start;
    long allocated = Allocations.ofThisThread() - bytes;
    System.out.printf("  %-32s %6.2f ns/call  %5.2f B/call%n",
        label, (double) nanos / CALLS, (double) allocated / CALLS);
    return sink;
  }

  private static long reportClock() {
    long start = System.nanoTime();
    long sink = 0;
    for (int i = 0; i < CALLS; i++) {
      sink += System.nanoTime();
    }
    System.out.printf("  %-32s %6.2f ns/call%n", "System.nanoTime() alone", (double) (System.nanoTime() - start) / CALLS);
    return sink;
  }

  private static long loopDirect() {
    long x = 0;
    for (int i = 0; i < CALLS; i++) {
      x = Targets.count(x);
    }
    return x;
  }

  private static long loop(GuardSite site) {
    long x = 0;
    for (int i = 0; i < CALLS; i++) {
      x = guarded(site, x);
    }
    return x;
  }

  /** The protocol generated code follows, for a method returning a primitive. */
  private static long guarded(GuardSite site, long x) {
    Object permit = site.enter();
    if (permit instanceof GuardRejectedException) {
      throw new IllegalStateException("measurement rejected: " + permit);
    }
    long result;
    try {
      result = Targets.count(x);
    } catch (Throwable t) {
      site.onFailure(permit, t);
      throw t;
    }
    site.onSuccess(permit);
    return result;
  }
}
