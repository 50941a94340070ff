package dev.warden.benchmarks;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The control of {@link StartupCost}: a java agent ({@code -javaagent:benchmarks.jar}, whose
 * manifest names this class) that registers a transformer changing nothing. What it costs is the
 * price of any transforming agent, before any weaving library is loaded.
 *
 * <p>Thread-safe: the transformer is stateless.
 */
public final class NoopAgent {

  private NoopAgent() {}

  /**
   * Registers a transformer that leaves every class unchanged.
   *
   * @param options ignored
   * @param instrumentation the JVM's instrumentation
   */
  public static void premain(String options, Instrumentation instrumentation) {
    instrumentation.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(
          ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
        return null;
      }
    });
  }
}
