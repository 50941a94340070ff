package dev.warden.runtime.site;

import dev.warden.runtime.internal.GuardRegistry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guard sites of methods woven by the java agent. The agent {@linkplain #register registers}
 * each method it weaves and inlines the returned id as a constant into the woven code, which then
 * asks {@link #site} for the method's {@link GuardSite} and follows its enter/exit protocol. The
 * site of a method is created once, when the woven class's static initializer first asks for it
 * (resolving the reflective method once); no reflection and no allocation per call. The woven
 * code of a default interface method asks the site {@linkplain GuardSite#forWovenDefaultBody for
 * its body}, which guards nothing within a call its generated wrapper has already guarded.
 *
 * <p>The woven class owns its sites (a {@link ClassValue} of the class), so they live as long as
 * the class: a discarded class loader's woven classes, their guards and the loader can be
 * collected. The registry here keeps only names. An id belongs to one woven class (one class
 * loader's copy of it): a class woven again in another loader gets new ids.
 *
 * <p>Thread-safe: registration takes a lock (weave time only); the call path reads a volatile
 * array and the class's sites, and creates each site at most once.
 *
 * <p>Only the java agent calls this class. What it amounts to, written as Java source for a
 * woven {@code com.acme.Quotes#quote(String)} (the agent emits the equivalent bytecode):
 *
 * <pre>{@code
 * // at weave time, in the agent
 * int id = WovenSites.register("com.acme.Quotes", "quote", "(Ljava/lang/String;)Lcom/acme/Quote;");
 *
 * // in the woven method, with id inlined (newer class files load the site once, as a constant)
 * GuardSite site = WovenSites.site(id, Quotes.class);
 * Object permit = site.enter();
 * // ... then the same protocol as in GuardSite
 * }</pre>
 */
public final class WovenSites {

  private static final Object LOCK = new Object();
  private static volatile Slot[] slots = new Slot[64];
  private static int count;

  /** Each woven class's sites, by method name and descriptor. */
  private static final ClassValue<Map<String, GuardSite>> OWNED = new ClassValue<>() {
    @Override
    protected Map<String, GuardSite> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

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
   * The bootstrap of the dynamic constant through which woven code of a class file of Java 11 or
   * later loads its site once (so the JIT sees a constant, as for the {@code static final} site of
   * generated code). The JVM hands it the woven class's own lookup, through which the runtime
   * reaches the method's fallbacks, also in a named module that does not open the package.
   *
   * @param caller the woven class's lookup (its lookup class declares the method)
   * @param name ignored (the constant's name)
   * @param type ignored ({@code GuardSite})
   * @param id the id {@link #register} returned
   * @return the method's site
   * @throws IllegalStateException if {@code id} was registered for another class
   */
  public static GuardSite site(MethodHandles.Lookup caller, String name, Class<?> type, int id) {
    return site(id, caller.lookupClass(), caller);
  }

  /**
   * The site of woven method {@code id}, for class files older than Java 11, which cannot hold a
   * dynamic constant and call this on entry and on exit. Created on the first request.
   *
   * @param id what {@link #register} returned for the method
   * @param owner the declaring class (a class constant in the woven code)
   * @return the method's site, the same instance on every call
   * @throws IllegalStateException if {@code owner} is not the class that {@code id} was registered for
   */
  public static GuardSite site(int id, Class<?> owner) {
    return site(id, owner, MethodHandles.lookup());
  }

  private static GuardSite site(int id, Class<?> owner, MethodHandles.Lookup caller) {
    Slot slot = slots[id];
    GuardSite site = OWNED.get(owner).get(slot.key);
    if (site != null) {
      return site;
    }
    if (!owner.getName().equals(slot.className)) {
      throw new IllegalStateException(
          "Woven site of " + slot.className + "#" + slot.methodName + " called from " + owner.getName());
    }
    Class<?>[] parameters =
        MethodType.fromMethodDescriptorString(slot.descriptor, owner.getClassLoader()).parameterArray();
    return site(SiteFactory.method(owner, slot.methodName, parameters), caller);
  }

  /**
   * The site of {@code method}, which the agent wove; the same instance its woven code uses.
   * {@code caller} reaches the method's fallbacks if this request creates it.
   */
  static GuardSite site(Method method, MethodHandles.Lookup caller) {
    Map<String, GuardSite> owned = OWNED.get(method.getDeclaringClass());
    String key = key(method.getName(),
        MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString());
    GuardSite site = owned.get(key);
    if (site != null) {
      return site;
    }
    // Created once: a racing request waits for the one that creates it.
    synchronized (owned) {
      return owned.computeIfAbsent(key, k -> SiteFactory.create(method, caller, GuardRegistry.instance(), true));
    }
  }

  private static String key(String methodName, String descriptor) {
    return methodName + descriptor;
  }

  /** One woven method, by name. */
  private static final class Slot {
    private final String className;
    private final String methodName;
    private final String descriptor;
    private final String key;

    Slot(String className, String methodName, String descriptor) {
      this.className = className;
      this.methodName = methodName;
      this.descriptor = descriptor;
      this.key = key(methodName, descriptor);
    }
  }
}
