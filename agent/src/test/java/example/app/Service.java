package example.app;

import dev.warden.annotations.CountCalls;

/** A class both compiled with the processor (see {@link GuardedService}) and woven by the agent. */
public class Service {

  @CountCalls
  public String call(String text) {
    return "service:" + text;
  }
}
