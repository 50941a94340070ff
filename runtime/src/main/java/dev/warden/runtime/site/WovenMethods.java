package dev.warden.runtime.site;

import dev.warden.runtime.ThreadSafeSet;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The methods the java agent has woven, so that a processor-generated wrapper of the same method
 * does not guard the call a second time. Keyed by class name, method name and descriptor: the
 * agent decides by name, so every loader's copy of a class is woven alike.
 *
 * <p>Thread-safe.
 */
public final class WovenMethods {

  private static final ThreadSafeSet<String> WOVEN = new ThreadSafeSet<>();

  private WovenMethods() {}

  /**
   * Called by the agent after it wove a method.
   *
   * @param className binary class name, e.g. {@code com.acme.Foo$Inner}
   * @param methodName method name
   * @param descriptor JVM method descriptor, e.g. {@code (Ljava/lang/String;I)V}
   */
  public static void markWoven(String className, String methodName, String descriptor) {
    WOVEN.add(key(className, methodName, descriptor));
  }

  /** Whether the agent wove {@code method}. */
  static boolean isWoven(Method method) {
    return WOVEN.size() > 0
        && WOVEN.contains(
            key(method.getDeclaringClass().getName(), method.getName(),
                MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                    .toMethodDescriptorString()));
  }

  /**
   * For a default interface method the agent wove, the site a processor-generated wrapper uses per
   * delegate class: {@code unguarded} if the delegate's class runs the woven body for the call
   * (the body guards it), {@code guarded} if the class overrides the method (nothing else guards it).
   */
  static ClassValue<GuardSite> wrapperSites(Method defaultMethod, GuardSite guarded, GuardSite unguarded) {
    return perClass(defaultMethod, unguarded, guarded);
  }

  /**
   * For a default interface method the agent wove, the site its woven body uses per receiver
   * class: {@code guarded} if the class runs the body for a call of the method, {@code unguarded}
   * if the class overrides the method. The body then runs only as {@code Iface.super.m()} from the
   * override, as part of the override's call: a generated wrapper guards that call (see {@link
   * #wrapperSites}), the agent alone leaves overrides unguarded.
   */
  static ClassValue<GuardSite> bodySites(Method defaultMethod, GuardSite guarded, GuardSite unguarded) {
    return perClass(defaultMethod, guarded, unguarded);
  }

  private static ClassValue<GuardSite> perClass(Method defaultMethod, GuardSite ifBodyRuns, GuardSite ifOverridden) {
    return new ClassValue<>() {
      @Override
      protected GuardSite computeValue(Class<?> type) {
        return runsBody(type, defaultMethod) ? ifBodyRuns : ifOverridden;
      }
    };
  }

  /** Whether a call of {@code defaultMethod} on an instance of {@code type} runs that default body. */
  private static boolean runsBody(Class<?> type, Method defaultMethod) {
    try {
      return type.getMethod(defaultMethod.getName(), defaultMethod.getParameterTypes()).equals(defaultMethod);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " does not implement " + defaultMethod, e);
    }
  }

  private static String key(String className, String methodName, String descriptor) {
    return className + '#' + methodName + descriptor;
  }
}
