package dev.warden.runtime.site;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.TimeoutStats;

/**
 * The guards and fallbacks of one method, as the registry handed them out; each {@code null} if
 * the method has none. Immutable.
 */
record SiteGuards(
    CallStats stats,
    CircuitBreaker breaker,
    RateLimiter limiter,
    ConcurrencyLimiter bulkhead,
    TimeoutStats timeout,
    RetryStats retry,
    Fallback breakerFallback,
    Fallback throttledFallback,
    Fallback bulkheadFallback) {}
