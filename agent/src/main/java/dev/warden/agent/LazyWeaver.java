package dev.warden.agent;

import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Creates the {@link Weaver} when the first class that needs weaving is loaded, so that a JVM
 * pays for loading Byte Buddy (several hundred classes) only if it loads a guarded class.
 *
 * <p>Creating the weaver loads classes of the agent jar and the JDK while an application class
 * is being transformed. That is safe: those are bootstrap classes, which the {@link
 * WardenTransformer} rejects by their loader before it uses any class not loaded at start-up,
 * so no class is loaded for the first time while it is itself being transformed.
 *
 * <p>Thread-safe: racing first uses create one weaver (a one-time lock, never taken again).
 */
final class LazyWeaver {

  private final Object lock = new Object();
  private final AgentLog log;
  private volatile Weaver weaver;

  LazyWeaver(AgentLog log) {
    this.log = log;
  }

  /** The weaver, created on the first call. */
  Weaver get() {
    Weaver current = weaver;
    if (current == null) {
      synchronized (lock) {
        current = weaver;
        if (current == null) {
          // The agent jar is on the system class path (as every agent jar), also when renamed.
          current = new Weaver(ClassFileLocator.ForClassLoader.ofSystemLoader(), log);
          weaver = current;
        }
      }
    }
    return current;
  }
}
