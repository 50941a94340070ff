package dev.warden.runtime;

/**
 * Told of every guard the registry holds, once each: those it held when the listener was added,
 * then each one created later, including a guard that replaces a name's guard for another class
 * loader (see {@link Warden#addGuardListener}).
 *
 * <p>Calls to one listener never overlap and arrive in the order the guards were created. A
 * listener must be quick and must not wait for other threads; it should not create guards
 * either (two listeners doing so on two threads at once may wait for each other). What it throws
 * is logged and changes nothing for the guard or for other listeners.
 *
 * <p><b>Creating a guard waits for a running listener.</b> A thread that creates a guard (or adds
 * a listener) while another thread is telling a listener waits until that thread has told it
 * everything queued, then returns; that wait is what makes the guarantee of {@link #guardCreated}
 * hold. Guards are often created inside a class's static initialiser, so a listener that uses an
 * application class not yet initialised can deadlock: the listener's thread waits for the class's
 * initialisation on another thread, which creates a guard and waits for the listener. Use only the
 * guard at hand and classes already initialised (the listener's own, the JDK's, a metrics
 * library's) in a listener.
 *
 * <p>Example: log each breaker as it appears:
 *
 * <pre>{@code
 * Warden.addGuardListener(guard -> {
 *   if (guard instanceof CircuitBreaker breaker) {
 *     log.info("breaker " + breaker.name() + " with " + breaker.config());
 *   }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface GuardListener {

  /**
   * Called once for each guard, on a thread that is creating a guard or adding this listener
   * (not always the one that created {@code guard}). By the time a guard's creation or the
   * listener's addition returns, the listener has been told of it; a guard the listener creates
   * itself is told right after the call at hand returns.
   *
   * @param guard the guard, now the newest of its name and kind
   */
  void guardCreated(Guard guard);
}
