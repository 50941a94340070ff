package dev.warden.runtime.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code dev.warden.BreakerTransition}; see {@link Events#breakerTransition}. Not thread-safe: one instance per emission. */
@Name("dev.warden.BreakerTransition")
@Category("Warden")
@Label("Breaker Transition")
@Description("A circuit breaker changed state")
@Enabled(false)
@StackTrace(false)
final class BreakerTransitionEvent extends Event {

  /** Reads whether the event is enabled without allocating: the answer does not depend on the instance. */
  private static final BreakerTransitionEvent PROBE = new BreakerTransitionEvent();

  @Label("Name")
  @Description("The breaker's name")
  String name;

  @Label("From")
  @Description("The state it left: CLOSED, OPEN or HALF_OPEN")
  String from;

  @Label("To")
  @Description("The state it entered: CLOSED, OPEN or HALF_OPEN")
  String to;

  static void emit(String name, String from, String to) {
    if (PROBE.isEnabled()) {
      BreakerTransitionEvent event = new BreakerTransitionEvent();
      event.name = name;
      event.from = from;
      event.to = to;
      event.commit();
    }
  }
}
