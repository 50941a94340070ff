package dev.warden.agent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Entry point of {@code -javaagent:warden-agent.jar[=options]} (and of dynamic attach).
 *
 * <p>The jar's {@code Boot-Class-Path} manifest attribute normally puts the jar on the bootstrap
 * class loader search path as the JVM starts, and this class is then itself a bootstrap class.
 * If it did not (the jar was renamed), this class, loaded by the system class loader, first
 * appends its own jar to that path, using nothing but the JDK. It then calls the {@link
 * Installer}, which resolves to the bootstrap loader's copy either way (the call is resolved only
 * when it first runs, after the append, and the system loader delegates to the bootstrap loader
 * first). From then on the runtime, the annotations and the agent (with its relocated Byte Buddy)
 * are bootstrap classes, which every class loader sees first:
 * the application, its child loaders and an application copy of {@code warden-runtime} all use
 * one registry. Nothing clashes with an application's own Byte Buddy, which keeps its original
 * package.
 *
 * <p>Thread-safe (the JVM calls it once per {@code -javaagent} flag). Not for application code:
 * only the JVM calls it.
 */
public final class WardenAgent {

  private static final String INSTALLER = "dev.warden.agent.Installer";

  private WardenAgent() {}

  /**
   * Called by the JVM before {@code main} for {@code -javaagent}.
   *
   * @param options the text after {@code =} in the flag, or {@code null}
   * @param instrumentation the JVM's instrumentation
   */
  public static void premain(String options, Instrumentation instrumentation) {
    start(options, instrumentation);
  }

  /**
   * Called by the JVM when the agent is attached to a running JVM; classes loaded from then on are
   * guarded, classes already loaded are not.
   *
   * @param options the agent options, or {@code null}
   * @param instrumentation the JVM's instrumentation
   */
  public static void agentmain(String options, Instrumentation instrumentation) {
    start(options, instrumentation);
  }

  private static void start(String options, Instrumentation instrumentation) {
    if (!onBootstrapPath()) {
      File jar = ownJar();
      try {
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      } catch (IOException e) {
        throw new IllegalStateException("warden-agent cannot start from " + jar + ": " + e, e);
      }
    }
    try {
      Installer.install(options, instrumentation);
    } catch (RuntimeException e) {
      // One line per problem: a bad option, or each invalid guard entry.
      for (String line : String.valueOf(e.getMessage()).split("\n")) {
        System.err.println("[warden-agent] " + line);
      }
      throw e;
    }
  }

  private static boolean onBootstrapPath() {
    try {
      Class.forName(INSTALLER, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * The agent jar: the system class path entry holding this class (agent jars are always on it).
   * Looked up only when the jar is not on the bootstrap path (the system loader has then opened it
   * to load this class); otherwise the look-up would open the jar a second time, in Java.
   */
  private static File ownJar() {
    java.net.URL url = ClassLoader.getSystemResource("dev/warden/agent/Installer.class");
    String text = url == null ? "" : url.toString();
    int separator = text.indexOf("!/");
    if (!text.startsWith("jar:") || separator < 0) {
      throw new IllegalStateException("warden-agent must be started from its jar, not " + text);
    }
    try {
      return new File(new java.net.URI(text.substring("jar:".length(), separator)));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("warden-agent cannot locate its jar: " + e.getMessage(), e);
    }
  }
}
