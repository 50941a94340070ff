package dev.warden.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@code dev.warden.Retry}; see {@link Events#retry}. Not thread-safe: one instance per emission. */
@Name("dev.warden.Retry")
@Category("Warden")
@Label("Retry")
@Description("An attempt after the first of a call with @Retry is about to start")
@Enabled(false)
@StackTrace(false)
final class RetryEvent extends Event {

  /** Reads whether the event is enabled without allocating: the answer does not depend on the instance. */
  private static final RetryEvent PROBE = new RetryEvent();

  @Label("Name")
  @Description("The retry's name")
  String name;

  @Label("Method")
  @Description("The guarded method, <binary class name>#<method name>")
  String method;

  @Label("Attempt")
  @Description("The number of the attempt about to start: 2 for the first retry")
  int attempt;

  @Label("Delay")
  @Description("The delay waited before this attempt")
  @Timespan(Timespan.NANOSECONDS)
  long delayNanos;

  @Label("Failure")
  @Description("The class of what the previous attempt failed with")
  String failure;

  @Label("Failure Message")
  @Description("The message of what the previous attempt failed with; null if it has none or it could not be computed")
  String failureMessage;

  static void emit(String name, String method, int attempt, long delayNanos, Throwable failure) {
    if (PROBE.isEnabled()) {
      RetryEvent event = new RetryEvent();
      event.name = name;
      event.method = method;
      event.attempt = attempt;
      event.delayNanos = delayNanos;
      event.failure = failure.getClass().getName();
      event.failureMessage = messageOf(failure);
      event.commit();
    }
  }

  /** {@code failure}'s message, or {@code null} if its {@code getMessage()} throws (e.g. a lazily formatted one). */
  private static String messageOf(Throwable failure) {
    try {
      return failure.getMessage();
    } catch (Throwable unavailable) {
      return null;
    }
  }
}
