package dev.warden.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code dev.warden.Rejected}; see {@link Events#rejected}. Not thread-safe: one instance per emission. */
@Name("dev.warden.Rejected")
@Category("Warden")
@Label("Guard Rejection")
@Description("A guard refused a call (or an attempt of a retried call)")
@Enabled(false)
@StackTrace(false)
final class RejectedEvent extends Event {

  /** Reads whether the event is enabled without allocating: the answer does not depend on the instance. */
  private static final RejectedEvent PROBE = new RejectedEvent();

  @Label("Name")
  @Description("The refusing guard's name")
  String name;

  @Label("Method")
  @Description("The guarded method, <binary class name>#<method name>")
  String method;

  @Label("Kind")
  @Description("Which guard refused: breaker, throttled or bulkhead")
  String kind;

  @Label("Reason")
  @Description("open, trials taken, none in time or interrupted")
  String reason;

  static void emit(String name, String method, String kind, String reason) {
    if (PROBE.isEnabled()) {
      RejectedEvent event = new RejectedEvent();
      event.name = name;
      event.method = method;
      event.kind = kind;
      event.reason = reason;
      event.commit();
    }
  }
}
