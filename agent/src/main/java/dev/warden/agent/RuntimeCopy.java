package dev.warden.agent;

import dev.warden.runtime.rules.GuardEntry;
import dev.warden.runtime.site.ConfiguredMethods;
import dev.warden.runtime.site.WovenMethods;
import dev.warden.runtime.site.WovenSites;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;

/**
 * The copy of the runtime that a class loader's woven classes call, and with which the agent
 * therefore registers, configures and marks their methods. Normally that is the agent's own copy, a bootstrap
 * class that every loader finds first. A named module {@code dev.warden.runtime} on the
 * application's module path is the exception: its loader resolves the runtime's packages to that
 * module, so woven code, {@code Warden} and JMX all use the module's copy, and so does the agent
 * for those classes; the module copy then holds the one registry the application sees.
 *
 * <p>A woven class of a named module must read the module of the copy it calls. The JVM lets a
 * module whose classes an agent transformed read the bootstrap loader's unnamed module (the
 * agent's copy); the module {@code dev.warden.runtime} it reads only if it requires it, or once
 * {@link #readableFrom} has added the edge (the application resolved the module without
 * requiring it, e.g. with {@code --add-modules}).
 *
 * <p>Immutable; thread-safe.
 */
final class RuntimeCopy {

  private static final String SITES = "dev.warden.runtime.site.WovenSites";
  private static final String METHODS = "dev.warden.runtime.site.WovenMethods";
  private static final String CONFIGURED = "dev.warden.runtime.site.ConfiguredMethods";
  private static final MethodType REGISTER =
      MethodType.methodType(int.class, String.class, String.class, String.class);
  private static final MethodType MARK = MethodType.methodType(void.class, String.class, String.class, String.class);
  private static final MethodType CONFIGURE = MethodType.methodType(void.class, String.class, String.class,
      String.class, String.class, String.class, String.class, String.class);

  /** The agent's own copy. */
  static final RuntimeCopy AGENT = new RuntimeCopy(WovenSites.class.getModule(), null, null, null);

  /** Other copies, by their {@code WovenSites} class. */
  private static final ClassValue<RuntimeCopy> OTHERS = new ClassValue<>() {
    @Override
    protected RuntimeCopy computeValue(Class<?> sites) {
      try {
        Class<?> methods = Class.forName(METHODS, false, sites.getClassLoader());
        Class<?> configured = Class.forName(CONFIGURED, false, sites.getClassLoader());
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        return new RuntimeCopy(sites.getModule(), lookup.findStatic(sites, "register", REGISTER),
            lookup.findStatic(methods, "markWoven", MARK), lookup.findStatic(configured, "configure", CONFIGURE));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot use the warden-runtime of " + sites.getModule() + ": " + e, e);
      }
    }
  };

  private final Module module;
  private final MethodHandle register;
  private final MethodHandle markWoven;
  private final MethodHandle configure;

  private RuntimeCopy(Module module, MethodHandle register, MethodHandle markWoven, MethodHandle configure) {
    this.module = module;
    this.register = register;
    this.markWoven = markWoven;
    this.configure = configure;
  }

  /**
   * The copy that classes of {@code loader} call: the one the loader finds (loaded, not
   * initialized), or the agent's own if it finds none (their woven code then fails as it would).
   */
  static RuntimeCopy of(ClassLoader loader) {
    Class<?> sites;
    try {
      sites = Class.forName(SITES, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return AGENT;
    }
    return sites == WovenSites.class ? AGENT : OTHERS.get(sites);
  }

  /** As {@link WovenSites#register}, on this copy. */
  int register(String className, String methodName, String descriptor) {
    if (register == null) {
      return WovenSites.register(className, methodName, descriptor);
    }
    try {
      return (int) register.invokeExact(className, methodName, descriptor);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot register " + className + "#" + methodName + ": " + e, e);
    }
  }

  /** As {@link WovenMethods#markWoven}, on this copy. */
  void markWoven(String className, String methodName, String descriptor) {
    if (markWoven == null) {
      WovenMethods.markWoven(className, methodName, descriptor);
      return;
    }
    try {
      markWoven.invokeExact(className, methodName, descriptor);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot mark " + className + "#" + methodName + " as woven: " + e, e);
    }
  }

  /**
   * As {@link ConfiguredMethods#configure}, on this copy: the runtime rebuilds the method's
   * declarations from the text of its entries. Only text crosses to another copy.
   *
   * @param own the method-level entry that selects the method, or {@code null}
   * @param onType the class-level entry of its class, or {@code null}
   */
  void configure(String className, String methodName, String descriptor, GuardEntry own, GuardEntry onType) {
    String ownSource = own == null ? null : own.source();
    String ownEntry = own == null ? null : own.line();
    String typeSource = onType == null ? null : onType.source();
    String typeEntry = onType == null ? null : onType.line();
    if (configure == null) {
      ConfiguredMethods.configure(className, methodName, descriptor, ownSource, ownEntry, typeSource, typeEntry);
      return;
    }
    try {
      configure.invokeExact(className, methodName, descriptor, ownSource, ownEntry, typeSource, typeEntry);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot configure " + className + "#" + methodName + ": " + e, e);
    }
  }

  /** Lets the named module {@code woven} read this copy's module, if it does not yet. */
  void readableFrom(Module woven, Instrumentation instrumentation) {
    if (woven != null && woven.isNamed() && !woven.canRead(module)) {
      instrumentation.redefineModule(woven, Set.of(module), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }
}
