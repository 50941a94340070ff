package dev.warden.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@code dev.warden.Timeout}; see {@link Events#timeout}. Not thread-safe: one instance per emission. */
@Name("dev.warden.Timeout")
@Category("Warden")
@Label("Timeout")
@Description("A call ran over its @Timeout and failed with CallTimeoutException")
@Enabled(false)
@StackTrace(false)
final class TimeoutEvent extends Event {

  /** Reads whether the event is enabled without allocating: the answer does not depend on the instance. */
  private static final TimeoutEvent PROBE = new TimeoutEvent();

  @Label("Name")
  @Description("The timeout's name")
  String name;

  @Label("Method")
  @Description("The guarded method, <binary class name>#<method name>")
  String method;

  @Label("Limit")
  @Description("The time limit the call ran over")
  @Timespan(Timespan.MILLISECONDS)
  long limitMillis;

  static void emit(String name, String method, long limitMillis) {
    if (PROBE.isEnabled()) {
      TimeoutEvent event = new TimeoutEvent();
      event.name = name;
      event.method = method;
      event.limitMillis = limitMillis;
      event.commit();
    }
  }
}
