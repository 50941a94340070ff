package dev.warden.agent;

import dev.warden.runtime.internal.WovenMethods;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's class file transformer. A class is handed to the {@link Weaver} only if it is being
 * loaded for the first time (no retransformation, so nothing is woven twice), by neither the
 * bootstrap nor the platform loader, lies outside the JDK and Warden's own packages and inside
 * the selected packages, and its bytes mention a Warden annotation descriptor ({@code
 * Ldev/warden/annotations/}); every other class costs one byte scan at most. After a class is
 * woven its methods are {@linkplain WovenMethods#markWoven marked}, so that a processor-generated
 * wrapper of one of them guards nothing, and their configuration is checked once.
 *
 * <p>Thread-safe.
 */
final class WardenTransformer implements ClassFileTransformer {

  private static final byte[] MARKER = "Ldev/warden/annotations/".getBytes(StandardCharsets.ISO_8859_1);
  private static final String[] IGNORED = {
    "java/", "javax/", "jdk/", "sun/", "com/sun/",
    "dev/warden/agent/", "dev/warden/runtime/", "dev/warden/annotations/",
  };

  private final Weaver weaver;
  private final String[] packages;
  private final AgentLog log;
  private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();

  /**
   * @param packages internal-name prefixes ending in {@code /} to weave; empty: all
   */
  WardenTransformer(Weaver weaver, List<String> packages, AgentLog log) {
    this.weaver = weaver;
    this.packages = packages.toArray(new String[0]);
    this.log = log;
  }

  @Override
  public byte[] transform(
      Module module, ClassLoader loader, String internalName, Class<?> redefined,
      ProtectionDomain domain, byte[] classFile) {
    return transform(loader, internalName, redefined, domain, classFile);
  }

  @Override
  public byte[] transform(
      ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
    if (!selects(loader, internalName, redefined, classFile)) {
      return null;
    }
    return weave(loader, internalName.replace('/', '.'), classFile);
  }

  /**
   * Weaves a class this transformer has selected, once, before the transformer is installed, and
   * discards the result: every class the weaver uses is then loaded, so none is loaded for the
   * first time in the middle of an application class's transformation.
   */
  void warmUp(ClassLoader loader, String className, byte[] classFile) {
    selects(loader, className.replace('.', '/'), null, classFile);
    List<GuardedMethod> guarded = new ArrayList<>();
    weaver.weave(loader, className, classFile, guarded);
    for (GuardedMethod method : guarded) {
      ConfigCheck.firstProblem(method, loader);
    }
  }

  private byte[] weave(ClassLoader loader, String className, byte[] classFile) {
    List<GuardedMethod> guarded = new ArrayList<>();
    byte[] woven;
    try {
      woven = weaver.weave(loader, className, classFile, guarded);
    } catch (Throwable t) {
      log.error("cannot weave " + className + " (methods " + names(guarded) + "); the class is left unchanged: " + t);
      return null;
    }
    for (GuardedMethod method : guarded) {
      String name = method.method().getName();
      String descriptor = method.method().getDescriptor();
      WovenMethods.markWoven(className, name, descriptor);
      log.woven(className, name, descriptor);
      check(method, loader);
    }
    return woven;
  }

  private void check(GuardedMethod method, ClassLoader loader) {
    String problem;
    try {
      problem = ConfigCheck.firstProblem(method, loader);
    } catch (RuntimeException e) {
      return; // a type the check needs cannot be described: the runtime checks when the guard is created
    }
    if (problem != null) {
      log.error(problem + " (every call of " + method.displayName() + " will fail with this error)");
    }
  }

  private boolean selects(ClassLoader loader, String internalName, Class<?> redefined, byte[] classFile) {
    if (internalName == null || redefined != null || loader == null || loader == platformLoader) {
      return false;
    }
    for (String ignored : IGNORED) {
      if (internalName.startsWith(ignored)) {
        return false;
      }
    }
    return inSelectedPackage(internalName) && mentionsWarden(classFile);
  }

  private boolean inSelectedPackage(String internalName) {
    if (packages.length == 0) {
      return true;
    }
    for (String prefix : packages) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the class file contains the bytes of {@code Ldev/warden/annotations/}. */
  static boolean mentionsWarden(byte[] classFile) {
    byte first = MARKER[0];
    int last = classFile.length - MARKER.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (classFile[i] != first) {
        continue;
      }
      for (int j = 1; j < MARKER.length; j++) {
        if (classFile[i + j] != MARKER[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String names(List<GuardedMethod> guarded) {
    StringBuilder text = new StringBuilder();
    for (GuardedMethod method : guarded) {
      text.append(text.length() == 0 ? "" : ", ").append(method.method().getName());
    }
    return text.length() == 0 ? "not yet known" : text.toString();
  }
}
