/**
 * Warden's JDK Flight Recorder events and {@link dev.warden.runtime.jfr.Events}, the one class the
 * guards call to emit them. Not exported: the events are read from recordings by their names
 * ({@code dev.warden.Rejected}, {@code dev.warden.BreakerTransition}, {@code dev.warden.ThrottleWait},
 * {@code dev.warden.Retry}, {@code dev.warden.Timeout}), never by these classes.
 *
 * <p>{@code jdk.jfr} is optional ({@code requires static}): where it is missing (a jlinked image
 * without it, or {@code --limit-modules}), {@link dev.warden.runtime.jfr.Events} emits nothing and
 * never loads an event class.
 */
package dev.warden.runtime.jfr;
