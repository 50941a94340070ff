package dev.warden.agent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Installs the agent, once, from the bootstrap class loader (see {@link WardenAgent}): parses the
 * options, warms the weaver up and registers the {@link WardenTransformer} (without
 * retransformation: only classes loaded from now on are woven).
 *
 * <p>Thread-safe; a second installation is ignored.
 */
public final class Installer {

  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  private static final String WARM_UP = "dev.warden.agent.WarmUp";

  private Installer() {}

  /**
   * Installs the agent.
   *
   * @param options the agent options (see {@link AgentOptions}), or {@code null}
   * @param instrumentation the JVM's instrumentation
   * @param agentJar the agent jar, already on the bootstrap search path
   * @throws IllegalArgumentException naming a bad option
   * @throws IOException if the agent jar cannot be read
   */
  public static void install(String options, Instrumentation instrumentation, File agentJar) throws IOException {
    AgentOptions parsed = AgentOptions.parse(options);
    AgentLog log = new AgentLog(parsed.verbose());
    if (!INSTALLED.compareAndSet(false, true)) {
      log.error("warden-agent is already installed; ignoring the second start");
      return;
    }
    ClassFileLocator jar = ClassFileLocator.ForJarFile.of(agentJar);
    WardenTransformer transformer =
        new WardenTransformer(new Weaver(jar), parsed.internalPackagePrefixes(), log);
    transformer.warmUp(ClassLoader.getSystemClassLoader(), WARM_UP, classFile(jar));
    instrumentation.addTransformer(transformer, false);
  }

  private static byte[] classFile(ClassFileLocator jar) throws IOException {
    ClassFileLocator.Resolution resolution = jar.locate(WARM_UP);
    if (!resolution.isResolved()) {
      throw new IOException("warden-agent jar lacks " + WARM_UP);
    }
    return resolution.resolve();
  }
}
