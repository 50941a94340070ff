package dev.warden.agent;

import dev.warden.runtime.rules.GuardEntry;

/**
 * The agent's messages, written to standard error with the prefix {@code [warden-agent]}. The
 * agent does not use {@code System.Logger} at weave time: that could initialize the
 * application's logging framework in the middle of loading one of its classes.
 *
 * <p>Thread-safe.
 */
final class AgentLog {

  private static final String PREFIX = "[warden-agent] ";

  private final boolean verbose;

  AgentLog(boolean verbose) {
    this.verbose = verbose;
  }

  /** Whether woven methods and skipped guard entries are logged. */
  boolean verbose() {
    return verbose;
  }

  /**
   * Logs a woven method if {@code verbose=true}.
   *
   * @param entrySource the source of the guard entry it is woven for, or {@code null} if it is annotated
   */
  void woven(String className, String methodName, String descriptor, String entrySource) {
    if (verbose) {
      line("wove " + className + "#" + methodName + descriptor
          + (entrySource == null ? "" : " (guard entry in " + entrySource + ")"));
    }
  }

  /** Logs, if {@code verbose=true}, that {@code entry} is skipped for {@code reason}. */
  void skipped(GuardEntry entry, String reason) {
    if (verbose) {
      print(skippedLine(entry, reason));
    }
  }

  /** The whole line that says {@code entry} is skipped for {@code reason}. */
  static String skippedLine(GuardEntry entry, String reason) {
    return PREFIX + "skipped guard entry " + entry.selector() + " (" + entry.source() + "): " + reason;
  }

  /** Prints a whole line built in advance: allocates nothing and loads no class. */
  void print(String wholeLine) {
    System.err.println(wholeLine);
  }

  /** Logs a warning: a guard the agent cannot apply. */
  void warning(String message) {
    line("WARNING " + message);
  }

  /** Logs an error: weaving failed, or a guard's configuration is invalid. */
  void error(String message) {
    line("ERROR " + message);
  }

  /** Logs {@code message} with the prefix. */
  private void line(String message) {
    System.err.println(PREFIX + message);
  }
}
