package dev.warden.agent;

/**
 * The agent's messages, written to standard error with the prefix {@code [warden-agent]}. The
 * agent does not use {@code System.Logger} at weave time: that could initialize the
 * application's logging framework in the middle of loading one of its classes.
 *
 * <p>Thread-safe.
 */
final class AgentLog {

  private final boolean verbose;

  AgentLog(boolean verbose) {
    this.verbose = verbose;
  }

  /** Logs a woven method if {@code verbose=true}. */
  void woven(String className, String methodName, String descriptor) {
    if (verbose) {
      System.err.println("[warden-agent] wove " + className + "#" + methodName + descriptor);
    }
  }

  /** Logs a warning: a guard the agent cannot apply. */
  void warning(String message) {
    System.err.println("[warden-agent] WARNING " + message);
  }

  /** Logs an error: weaving failed, or a guard's configuration is invalid. */
  void error(String message) {
    System.err.println("[warden-agent] ERROR " + message);
  }
}
