package example.app;

import example.support.Probes;

/** Collects the outcome of named checks and prints one {@code PASS name} or {@code FAIL name: why} line each. */
final class Check {

  private final String name;
  private final StringBuilder problems = new StringBuilder();

  Check(String name) {
    this.name = name;
  }

  void that(boolean condition, String what) {
    if (!condition) {
      problems.append(problems.length() == 0 ? "" : "; ").append(what);
    }
  }

  void equal(Object expected, Object actual, String what) {
    that(expected.equals(actual), what + ": expected " + expected + ", got " + actual);
  }

  /** Checks calls/successes/failures/rejections of a guard. */
  void counts(String guard, long calls, long successes, long failures, long rejections) {
    String problem = Probes.countsProblem(guard, calls, successes, failures, rejections);
    that(problem == null, problem);
  }

  void report() {
    System.out.println(problems.length() == 0 ? "PASS " + name : "FAIL " + name + ": " + problems);
  }

  /** Runs {@code body}, reporting an unexpected exception as a failure. */
  static void run(String name, Body body) {
    Check check = new Check(name);
    try {
      body.run(check);
    } catch (Throwable t) {
      check.that(false, "unexpected " + t);
    }
    check.report();
  }

  interface Body {
    void run(Check check) throws Throwable;
  }
}
