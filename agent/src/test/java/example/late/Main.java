package example.late;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.Warden;
import java.util.concurrent.Callable;

/**
 * A {@code CallTimeoutException} thrown by the site inside the woven exit advice leaves the method,
 * and the call has exactly one outcome: {@code onFailure} is not called a second time (the counter
 * shows one failure, a breaker of threshold 2 one consecutive failure). Prints one PASS/FAIL line
 * per check.
 */
public final class Main {

  private static final String PREFIX = "example.late.Reports#";

  private Main() {}

  public static void main(String[] args) {
    Reports reports = new Reports();
    check("value-returned-after-deadline", "value", reports::value, null, true);
    check("void-returned-after-deadline", "nothing", () -> {
      reports.nothing();
      return null;
    }, null, false);
    check("thrown-after-deadline", "failure", reports::failure, IllegalStateException.class, true);
    check("static-returned-after-deadline", "staticValue", Reports::staticValue, null, false);
    if (Reports.finallyRan != 1) {
      System.out.println("FAIL static-body-finally-once: ran " + Reports.finallyRan + " times");
    } else {
      System.out.println("PASS static-body-finally-once");
    }
  }

  private static void check(String id, String method, Callable<?> call, Class<?> cause, boolean breaker) {
    StringBuilder problems = new StringBuilder();
    String name = PREFIX + method;
    try {
      Object value = call.call();
      problems.append("returned ").append(value).append(" instead of throwing; ");
    } catch (CallTimeoutException e) {
      Throwable actual = e.getCause();
      if (cause == null ? actual != null : !cause.isInstance(actual)) {
        problems.append("cause ").append(actual).append(", expected ").append(cause).append("; ");
      }
      if (!name.equals(e.guardName())) {
        problems.append("guard ").append(e.guardName()).append("; ");
      }
    } catch (Throwable e) {
      problems.append("threw ").append(e).append("; ");
    }
    if (Thread.interrupted()) {
      problems.append("interrupt flag set (interrupt = false); ");
    }
    CallStats stats = Warden.callStats(name).orElse(null);
    if (stats == null) {
      problems.append("no @CountCalls guard; ");
    } else if (stats.calls() != 1 || stats.failures() != 1 || stats.successes() != 0 || stats.inFlight() != 0) {
      problems.append("counts: calls ").append(stats.calls()).append(", failures ").append(stats.failures())
          .append(", successes ").append(stats.successes()).append(", in flight ").append(stats.inFlight())
          .append(" (expected 1, 1, 0, 0); ");
    }
    long timeouts = Warden.timeout(name).map(TimeoutStats::timeouts).orElse(-1L);
    if (timeouts != 1) {
      problems.append("timeouts ").append(timeouts).append(", expected 1; ");
    }
    if (breaker) {
      CircuitBreaker circuit = Warden.breaker(name).orElse(null);
      if (circuit == null || circuit.consecutiveFailures() != 1 || circuit.state() != CircuitBreaker.State.CLOSED) {
        problems.append("breaker ").append(circuit == null ? "missing"
            : circuit.state() + " with " + circuit.consecutiveFailures() + " consecutive failures")
            .append(", expected CLOSED with 1; ");
      }
    }
    System.out.println(problems.length() == 0 ? "PASS " + id : "FAIL " + id + ": " + problems);
  }
}
