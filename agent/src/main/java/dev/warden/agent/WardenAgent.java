package dev.warden.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.JarFile;

/**
 * Entry point of {@code -javaagent:warden-agent.jar[=options]} (and of dynamic attach).
 *
 * <p>This class touches nothing but the JDK. The jar's {@code Boot-Class-Path} manifest attribute
 * normally puts the jar on the bootstrap class loader search path as the JVM starts; if it did
 * not (the jar was renamed), this class first appends its own jar to that path. It then starts
 * the {@code Installer} from the bootstrap loader. From then on the runtime, the annotations and the agent
 * (with its relocated Byte Buddy) are bootstrap classes, which every class loader sees first:
 * the application, its child loaders and an application copy of {@code warden-runtime} all use
 * one registry. Nothing clashes with an application's own Byte Buddy, which keeps its original
 * package.
 *
 * <p>Thread-safe (the JVM calls it once per {@code -javaagent} flag).
 */
public final class WardenAgent {

  private static final String INSTALLER = "dev.warden.agent.Installer";
  private static final String INSTALLER_FILE = "dev/warden/agent/Installer.class";

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
    File jar = ownJar();
    try {
      if (!onBootstrapPath()) {
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      }
      Class.forName(INSTALLER, true, null)
          .getMethod("install", String.class, Instrumentation.class, File.class)
          .invoke(null, options, instrumentation, jar);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      System.err.println("[warden-agent] " + cause.getMessage());
      throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
    } catch (ReflectiveOperationException | java.io.IOException e) {
      throw new IllegalStateException("warden-agent cannot start from " + jar + ": " + e, e);
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

  /** The agent jar: the system class path entry holding this class (agent jars are always on it). */
  private static File ownJar() {
    java.net.URL url = ClassLoader.getSystemResource(INSTALLER_FILE);
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
