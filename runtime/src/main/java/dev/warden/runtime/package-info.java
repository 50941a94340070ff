/**
 * Warden's runtime: the guard primitives, the registry users read them from, and the exceptions a
 * guard throws.
 *
 * <ul>
 *   <li>{@link dev.warden.runtime.Warden} finds the guards that annotated methods created, by
 *       name, and registers {@link dev.warden.runtime.BreakerListener}s.
 *   <li>{@link dev.warden.runtime.RateLimiter}, {@link dev.warden.runtime.CircuitBreaker} and
 *       {@link dev.warden.runtime.CallStats} are the guards themselves; they can also be created
 *       and used directly, without annotations, configured by {@link
 *       dev.warden.runtime.RateLimiterConfig} and {@link dev.warden.runtime.CircuitBreakerConfig}.
 *   <li>{@link dev.warden.runtime.GuardRejectedException} and its subclasses {@link
 *       dev.warden.runtime.ThrottledException} and {@link dev.warden.runtime.CircuitOpenException}
 *       report a refused call; {@link dev.warden.runtime.ConfigurationException} an invalid
 *       setting.
 *   <li>{@link dev.warden.runtime.TimeSource} lets tests replace the clock;
 *       {@link dev.warden.runtime.AtomicCounter} and {@link dev.warden.runtime.ThreadSafeSet} are
 *       small concurrent building blocks.
 * </ul>
 *
 * <p>Every public class here is thread-safe, and implementations of the two interfaces must be.
 * Example: look at the guards of an annotated method after it has run:
 *
 * <pre>{@code
 * String name = "com.acme.PaymentClient#charge";
 * CircuitBreaker.State state = Warden.breaker(name).map(CircuitBreaker::state).orElse(null);
 * long rejected = Warden.callStats(name).map(CallStats::rejections).orElse(0L);
 * }</pre>
 *
 * <p>Generated and woven code call {@code dev.warden.runtime.site}; the packages {@code
 * dev.warden.runtime.rules} and {@code dev.warden.runtime.internal} are implementation details.
 */
package dev.warden.runtime;
