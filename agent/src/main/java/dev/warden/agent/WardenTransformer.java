package dev.warden.agent;

import dev.warden.runtime.site.WovenMethods;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's class file transformer. A class is handed to the {@link Weaver} only if it is being
 * loaded for the first time (no retransformation, so nothing is woven twice), by neither the
 * bootstrap nor the platform loader, and either guard entries name it ({@link ConfiguredClasses};
 * it may then lie in any package, {@code javax.*} libraries on the class path included), or it
 * lies outside the JDK and Warden's own packages and inside the selected packages, and its bytes
 * mention a Warden annotation descriptor ({@code Ldev/warden/annotations/}); every other class
 * costs one map lookup and one byte scan at most. A configured class that a JDK loader loads is
 * recorded for the exit report. After a class is woven the declarations of its configured methods
 * are handed to the runtime, and its methods are {@linkplain WovenMethods#markWoven marked}, so
 * that a processor-generated wrapper of one of them guards nothing, and their configuration is
 * checked once.
 *
 * <p>The JVM calls the transformer for every class it loads. Rejecting a class uses only the
 * agent's own small classes and JDK classes loaded before {@code premain} (no Byte Buddy, no
 * lambda, no regular expression); Byte Buddy is loaded only for the first class selected (see
 * {@link LazyWeaver}).
 *
 * <p>Thread-safe.
 */
final class WardenTransformer implements ClassFileTransformer {

  private static final String[] IGNORED = {
    "java/", "javax/", "jdk/", "sun/", "com/sun/",
    "dev/warden/agent/", "dev/warden/runtime/", "dev/warden/annotations/",
  };

  private final LazyWeaver weaver;
  private final String[] packages;
  private final ConfiguredClasses configured;
  private final AgentLog log;
  private final Instrumentation instrumentation;
  private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();

  /**
   * @param packages internal-name prefixes ending in {@code /} to weave; empty: all
   * @param configured the classes guard entries name
   * @param instrumentation adds the read edges a woven named module needs
   */
  WardenTransformer(LazyWeaver weaver, List<String> packages, ConfiguredClasses configured, AgentLog log,
      Instrumentation instrumentation) {
    this.weaver = weaver;
    this.packages = packages.toArray(new String[0]);
    this.configured = configured;
    this.log = log;
    this.instrumentation = instrumentation;
  }

  @Override
  public byte[] transform(
      Module module, ClassLoader loader, String internalName, Class<?> redefined,
      ProtectionDomain domain, byte[] classFile) {
    if (internalName == null || redefined != null) {
      return null;
    }
    ConfiguredClass entries = configured.forClass(internalName);
    if (entries != null) {
      if (loader == null || loader == platformLoader) {
        entries.loadedByJdk();
        return null;
      }
    } else if (!selects(loader, internalName, classFile)) {
      return null;
    }
    return weave(module, loader, internalName.replace('/', '.'), classFile, entries);
  }

  @Override
  public byte[] transform(
      ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
    return transform(null, loader, internalName, redefined, domain, classFile);
  }

  private byte[] weave(Module module, ClassLoader loader, String className, byte[] classFile, ConfiguredClass entries) {
    List<GuardedMethod> guarded = new ArrayList<>();
    byte[] woven;
    RuntimeCopy runtime;
    try {
      runtime = RuntimeCopy.of(loader);
      woven = weaver.get().weave(loader, runtime, className, classFile, guarded, entries);
      if (woven != null) {
        runtime.readableFrom(module, instrumentation);
        for (GuardedMethod method : guarded) {
          if (method.configured()) {
            // Before the class is defined, so before its static initializer creates the sites.
            // The class's entries, not only those that contributed here: every loader's copy of the
            // class registers the same text, and the runtime derives each copy's guards from it.
            runtime.configure(className, method.method().getName(), method.method().getDescriptor(),
                entries.own(method.shape()), entries.onType());
          }
        }
      }
    } catch (Throwable t) {
      log.error("cannot weave " + className + " (methods " + names(guarded) + "); the class is left unchanged: " + t);
      if (entries != null) {
        entries.weaveFailed("weaving " + className + " failed: " + t);
      }
      return null;
    }
    if (entries != null) {
      entries.woven(guarded);
    }
    for (GuardedMethod method : guarded) {
      String name = method.method().getName();
      String descriptor = method.method().getDescriptor();
      runtime.markWoven(className, name, descriptor);
      log.woven(className, name, descriptor, method.entrySource());
      if (method.problem() != null) {
        log.error(method.problem() + " (every call of " + method.displayName() + " will fail with this error)");
      }
    }
    return woven;
  }

  /** Whether a class no guard entry names is woven: it may carry Warden annotations. */
  private boolean selects(ClassLoader loader, String internalName, byte[] classFile) {
    if (loader == null || loader == platformLoader) {
      return false;
    }
    for (String ignored : IGNORED) {
      if (internalName.startsWith(ignored)) {
        return false;
      }
    }
    return inSelectedPackage(internalName) && MarkerScan.mentionsWarden(classFile);
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

  private static String names(List<GuardedMethod> guarded) {
    StringBuilder text = new StringBuilder();
    for (GuardedMethod method : guarded) {
      text.append(text.length() == 0 ? "" : ", ").append(method.method().getName());
    }
    return text.length() == 0 ? "not yet known" : text.toString();
  }
}
