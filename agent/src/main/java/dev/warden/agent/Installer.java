package dev.warden.agent;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Installs the agent, once, from the bootstrap class loader (see {@link WardenAgent}): parses the
 * options, reads and checks the guard entries ({@link ConfiguredClasses}) and registers the {@link
 * WardenTransformer} (without retransformation: only classes loaded from now on are woven). If
 * there are entries, it then warns about configured classes already loaded and registers the
 * report, at exit, of entries that guarded nothing. Nothing else happens at start-up: Byte Buddy
 * is loaded only when the first class that needs weaving is loaded.
 *
 * <p>Thread-safe; a second installation is ignored. Public only so that {@link WardenAgent} can
 * reach the bootstrap loader's copy; not for application code.
 */
public final class Installer {

  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private Installer() {}

  /**
   * Installs the agent.
   *
   * @param options the agent options (see {@link AgentOptions}), or {@code null}
   * @param instrumentation the JVM's instrumentation
   * @throws IllegalArgumentException naming a bad option, or with one line per invalid guard entry
   */
  public static void install(String options, Instrumentation instrumentation) {
    AgentOptions parsed = AgentOptions.parse(options);
    AgentLog log = new AgentLog(parsed.verbose());
    // Entries are read only while the agent is not installed, and it is claimed only once they are
    // valid: a start refused for an invalid entry leaves the agent free to be attached again.
    ConfiguredClasses configured = INSTALLED.get() ? null : ConfiguredClasses.load(parsed, log);
    if (configured == null || !INSTALLED.compareAndSet(false, true)) {
      log.error("warden-agent is already installed; ignoring the second start");
      return;
    }
    instrumentation.addTransformer(new WardenTransformer(
        new LazyWeaver(log), parsed.internalPackagePrefixes(), configured, log, instrumentation), false);
    if (!configured.isEmpty()) {
      configured.reportLoadedBefore(instrumentation);
      configured.installExitReport();
    }
  }
}
