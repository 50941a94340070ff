package example.retrying;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Calls the woven {@link Remote} with the agent's real runtime behind it and prints one PASS/FAIL
 * line per check. The checks after the first four need the runtime's retry loop ({@code
 * GuardSite.retry} that re-enters and returns the next permit).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Throwable {
    // Need only the advice and the no-retry outcome of GuardSite.retry.
    Remote aborted = new Remote(5);
    Throwable bad = thrownBy(() -> aborted.aborted("a"));
    check("aborted-failure-leaves-unchanged", bad != null && bad == aborted.thrown.get(0)
        && aborted.seen.equals(List.of("a")), aborted.seen + " " + bad);

    Remote plain = new Remote(5);
    Throwable failure = thrownBy(() -> plain.plain("p"));
    check("no-repeat-without-retry", failure == plain.thrown.get(0) && plain.seen.equals(List.of("p")),
        plain.seen + " " + failure);

    Remote first = new Remote(0);
    check("first-attempt-success", "reassigned-1@1".equals(first.fetch("k", 7)) && first.seen.equals(List.of("k/7")),
        first.seen.toString());

    long bytes = bytesPerCall(new Remote(0));
    check("first-attempt-success-allocates-nothing", bytes == 0, bytes + " bytes per 100 calls");

    // Need the runtime's retry loop.
    Remote twice = new Remote(2);
    String value = call(() -> twice.fetch("k", 7));
    check("fails-twice-then-succeeds", "reassigned-1@3".equals(value) && twice.seen.size() == 3,
        value + " " + twice.seen);
    check("repeat-sees-original-arguments", twice.seen.equals(List.of("k/7", "k/7", "k/7")), twice.seen.toString());

    Remote open = new Remote(5);
    String rejected = call(() -> open.guarded("g"));
    check("refused-retry-ends-as-rejection", "later:g".equals(rejected) && open.seen.equals(List.of("g")),
        rejected + " " + open.seen);

    Remote exhausted = new Remote(5);
    Throwable last = thrownBy(() -> exhausted.fetch("x", 1));
    check("exhausted-throws-last-failure", exhausted.seen.size() == 3 && last == exhausted.thrown.get(2)
        && last.getSuppressed().length == 0 && last.getCause() == null, exhausted.seen + " " + last);

    Remote nothing = new Remote(2);
    Throwable voidFailure = thrownBy(() -> nothing.store("s"));
    check("void-retries", voidFailure == null && nothing.seen.equals(List.of("s", "s", "s")),
        nothing.seen + " " + voidFailure);

    Remote number = new Remote(1);
    Integer counted = call(() -> number.count(5, new StringBuilder("log")));
    check("primitive-retries", Objects.equals(counted, 1002) && number.seen.equals(List.of("5/log", "5/log")),
        counted + " " + number.seen);

    Remote.staticFailures = 2;
    Long total = call(() -> Remote.total(1L << 40, "b"));
    check("static-retries", Objects.equals(total, 3L) && Remote.STATIC_SEEN.equals(
        Arrays.asList("1099511627776/b", "1099511627776/b", "1099511627776/b")), total + " " + Remote.STATIC_SEEN);

    Remote locked = new Remote(1);
    String lockedValue = call(() -> locked.locked("l"));
    check("synchronized-retries", "l".equals(lockedValue) && locked.seen.equals(List.of("l:true", "l:true")),
        lockedValue + " " + locked.seen);
  }

  interface Body<T> {
    T run() throws Throwable;
  }

  interface VoidBody {
    void run() throws Throwable;
  }

  private static <T> T call(Body<T> body) {
    try {
      return body.run();
    } catch (Throwable e) {
      return null;
    }
  }

  private static Throwable thrownBy(Body<?> body) {
    try {
      body.run();
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  private static Throwable thrownBy(VoidBody body) {
    return thrownBy(() -> {
      body.run();
      return null;
    });
  }

  private static void check(String id, boolean passed, String detail) {
    System.out.println(passed ? "PASS " + id : "FAIL " + id + ": " + detail);
  }

  /**
   * The fewest bytes allocated per 100 rounds of three first-attempt successes, over five runs of
   * 100,000 rounds: one object of 16 bytes every 16 rounds already shows.
   */
  private static long bytesPerCall(Remote remote) {
    int calls = 100_000;
    long fewest = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = allocatedBytes();
      for (int i = 0; i < calls; i++) {
        if (remote.cheapValue() != "ok") {
          throw new AssertionError("value expected");
        }
        remote.cheapNothing();
        if (remote.cheapNumber(i) != i + 1_000_000) {
          throw new AssertionError("the number expected");
        }
      }
      fewest = Math.min(fewest, allocatedBytes() - before);
    }
    return fewest * 100 / calls;
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
