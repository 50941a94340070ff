package dev.warden.redis;

import dev.warden.annotations.Throttled;

/**
 * The guarded methods of the end-to-end tests: one guard name per test (the registry is
 * JVM-wide). Each bucket practically never refills (one permit per 100 s), so every count is
 * exact. The tests call them through {@link GuardedCalls}, as generated code does; the bodies are
 * never run.
 */
class E2eGuards {

  @Throttled(name = "e2e.burst", callsPerSecond = 0.01, burst = 3, maxWaitMillis = 0)
  void burst() {}

  @Throttled(name = "e2e.loaders", callsPerSecond = 0.01, burst = 3, maxWaitMillis = 0)
  void loaders() {}

  @Throttled(name = "e2e.badUri", callsPerSecond = 0.01, burst = 3, maxWaitMillis = 0)
  void badUri() {}

  @Throttled(name = "e2e.optedOut", callsPerSecond = 0.01, burst = 2, maxWaitMillis = 0)
  void optedOut() {}

  @Throttled(name = "e2e.global", callsPerSecond = 0.01, burst = 2, maxWaitMillis = 0)
  void global() {}

  @Throttled(name = "e2e.bogusPolicy", callsPerSecond = 0.01, burst = 3, maxWaitMillis = 0)
  void bogusPolicy() {}

  @Throttled(name = "e2e.outage.local", callsPerSecond = 0.01, burst = 3, maxWaitMillis = 0)
  void outageLocal() {}

  @Throttled(name = "e2e.outage.allow", callsPerSecond = 0.01, burst = 3, maxWaitMillis = 0)
  void outageAllow() {}

  @Throttled(name = "e2e.outage.reject", callsPerSecond = 0.01, burst = 3, maxWaitMillis = 0)
  void outageReject() {}
}
