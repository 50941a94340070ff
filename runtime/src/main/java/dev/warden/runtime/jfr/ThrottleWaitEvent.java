package dev.warden.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code dev.warden.ThrottleWait}: its duration is the time the caller was parked; see {@link
 * Events#throttleWaitBegins}. Not thread-safe: one instance per wait, used by the waiting thread.
 */
@Name("dev.warden.ThrottleWait")
@Category("Warden")
@Label("Throttle Wait")
@Description("A caller parked for a rate-limit permit it reserved; the duration is the time parked, up to an interrupt if one ended it")
@Enabled(false)
@StackTrace(false)
final class ThrottleWaitEvent extends Event {

  /** Reads whether the event is enabled without allocating: the answer does not depend on the instance. */
  private static final ThrottleWaitEvent PROBE = new ThrottleWaitEvent();

  @Label("Name")
  @Description("The rate limiter's name")
  String name;

  @Label("Reserved Wait")
  @Description("The wait the reservation asked for, on the limiter's clock")
  @Timespan(Timespan.NANOSECONDS)
  long waitNanos;

  @Label("Interrupted")
  @Description("Whether an interrupt ended the wait: the caller was refused and its reserved permit is spent")
  boolean interrupted;

  static Object begins() {
    if (!PROBE.isEnabled()) {
      return null;
    }
    ThrottleWaitEvent event = new ThrottleWaitEvent();
    event.begin();
    return event;
  }

  static void ended(Object wait, String name, long waitNanos, boolean interrupted) {
    ThrottleWaitEvent event = (ThrottleWaitEvent) wait;
    event.name = name;
    event.waitNanos = waitNanos;
    event.interrupted = interrupted;
    event.commit();
  }
}
