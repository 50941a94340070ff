package dev.warden.micrometer;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;

/**
 * The guarded methods of the tests, one guard name per test (the registry is JVM-wide). Buckets
 * practically never refill (one permit per 100 s) and breakers stay open for 10 minutes, so every
 * count is exact. The tests call them through their guard sites; the bodies are never run.
 */
class Fixture {

  @CountCalls(name = "mm.script")
  @Breaker(name = "mm.script", failureThreshold = 3, cooldownMillis = 600_000)
  @Throttled(name = "mm.script", callsPerSecond = 0.01, burst = 9, maxWaitMillis = 0)
  void script() {}

  @CountCalls(name = "mm.opens")
  @Breaker(name = "mm.opens", failureThreshold = 2, cooldownMillis = 600_000)
  void opens() {}

  @CountCalls(name = "mm.bulkhead")
  @Bulkhead(name = "mm.bulkhead", maxConcurrent = 2, maxWaitMillis = 0)
  void bulkhead() {}

  @CountCalls(name = "mm.retry")
  @Retry(name = "mm.retry", maxAttempts = 3, delayMillis = 0, jitter = 0)
  void retry() {}

  @CountCalls(name = "mm.timeout")
  @Timeout(name = "mm.timeout", millis = 1, interrupt = false)
  void timeout() {}

  @CountCalls(name = "mm.late")
  @Throttled(name = "mm.late", callsPerSecond = 0.01, burst = 5, maxWaitMillis = 0)
  void late() {}

  @CountCalls(name = "mm.scrape")
  @Breaker(name = "mm.scrape", failureThreshold = 3, cooldownMillis = 600_000)
  @Throttled(name = "mm.scrape", callsPerSecond = 0.01, burst = 9, maxWaitMillis = 0)
  void scrape() {}

  @CountCalls
  void defaultName() {}

  @CountCalls(name = "mm.latency") // latency on by the test's override
  void latency() {}

  @CountCalls(name = "mm.closed")
  void closed() {}

  @CountCalls(name = "mm.zeroBytes")
  void zeroBytes() {}

  @Breaker(name = "mm.redeploy", failureThreshold = 1, cooldownMillis = 600_000)
  void redeploy() {}
}
