package com.acme.annotated;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;

/**
 * Annotated code that a guard entry also names: its annotations win. Compiled with the processor,
 * so its {@code GuardedLedger} wrapper runs under the agent as well. The type's {@code @CountCalls}
 * does not apply to the static {@link #stamp()}, so the entry naming that method applies.
 */
@CountCalls
public class Ledger {

  @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
  public String post(String entry) {
    return "posted " + entry;
  }

  public static String stamp() {
    return "stamped";
  }
}
