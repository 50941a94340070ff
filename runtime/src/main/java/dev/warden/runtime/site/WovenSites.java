package dev.warden.runtime.site;

import dev.warden.runtime.internal.GuardRegistry;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The guard sites of methods woven by the java agent. The agent {@linkplain #register registers}
 * each method it weaves and inlines the returned id as a constant into the woven code, which then
 * asks {@link #site} for the method's {@link GuardSite} and follows its enter/exit protocol. The
 * site of an id is created once, when the woven class's static initializer first asks for it
 * (resolving the reflective method once); no
 * reflection and no allocation per call. The woven code of a default interface method asks the
 * site {@linkplain GuardSite#forReceiver for its receiver}: the body guards a call only if the
 * receiver's class does not override the method.
 *
 * <p>An id belongs to one woven class (one class loader's copy of it): a class woven again in
 * another loader gets new ids. Sites stay reachable for the life of the JVM.
 *
 * <p>Thread-safe: registration takes a lock (weave time only); the call path reads a volatile
 * array and creates each site at most once.
 */
public final class WovenSites {

  private static final Object LOCK = new Object();
  private static volatile Slot[] slots = new Slot[64];
  private static int count;

  private WovenSites() {}

  /**
   * Registers a method the agent is weaving, before the woven class is defined.
   *
   * @param className binary name of the declaring class, e.g. {@code com.acme.Foo$Inner}
   * @param methodName method name
   * @param descriptor JVM method descriptor, e.g. {@code (Ljava/lang/String;I)V}
   * @return the id to pass to every other method of this class
   */
  public static int register(String className, String methodName, String descriptor) {
    Slot slot = new Slot(className, methodName, descriptor);
    synchronized (LOCK) {
      Slot[] current = slots;
      if (count == current.length) {
        current = Arrays.copyOf(current, count * 2);
      }
      current[count] = slot;
      slots = current;
      return count++;
    }
  }

  /**
   * The site of woven method {@code id}, created on the first request (from the woven class's
   * static initializer). Class files of Java 11 and
   * later load it once, as a dynamic constant whose bootstrap calls this method (so the JIT
   * sees a constant, as for the {@code static final} site of generated code); older class files
   * call it on entry and on exit.
   *
   * @param owner the declaring class (a class constant in the woven code), used once to create the site
   * @throws IllegalStateException if {@code owner} is not the class that {@code id} was registered for
   */
  public static GuardSite site(int id, Class<?> owner) {
    Slot slot = slots[id];
    GuardSite site = slot.site;
    return site != null ? site : slot.create(owner);
  }

  /** One woven method and, once called, its site. */
  private static final class Slot {
    private final String className;
    private final String methodName;
    private final String descriptor;
    private volatile GuardSite site;

    Slot(String className, String methodName, String descriptor) {
      this.className = className;
      this.methodName = methodName;
      this.descriptor = descriptor;
    }

    /**
     * Creates the site once; a racing request waits for the one that creates it. An invalid
     * configuration is not logged: the agent reported it when it wove the method, by the same rules.
     */
    GuardSite create(Class<?> owner) {
      synchronized (this) {
        GuardSite created = site;
        if (created == null) {
          if (!owner.getName().equals(className)) {
            throw new IllegalStateException(
                "Woven site of " + className + "#" + methodName + " called from " + owner.getName());
          }
          Class<?>[] parameters =
              MethodType.fromMethodDescriptorString(descriptor, owner.getClassLoader()).parameterArray();
          Method method = SiteFactory.method(owner, methodName, parameters);
          created = SiteFactory.create(method, GuardRegistry.instance(), false);
          if (method.isDefault()) {
            created = GuardSite.perReceiverClass(created.method(),
                WovenMethods.bodySites(method, created, GuardSite.unguarded(created.method())));
          }
          site = created;
        }
        return created;
      }
    }
  }
}
