package dev.warden.runtime.site;

import dev.warden.runtime.ThreadSafeSet;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * The methods the java agent has woven, so that a processor-generated wrapper of the same method
 * does not guard the call a second time (for a woven default method it shares the woven site,
 * see {@link GuardSite#forGeneratedOverride}). Keyed by class name, method name and descriptor: the
 * agent decides by name, so every loader's copy of a class is woven alike.
 *
 * <p>Thread-safe.
 *
 * <p>Only the java agent calls this class, once per method it weaves:
 *
 * <pre>{@code
 * WovenMethods.markWoven("com.acme.Quotes", "quote", "(Ljava/lang/String;)Lcom/acme/Quote;");
 * }</pre>
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
    return WOVEN.size() > 0 && WOVEN.contains(key(method));
  }

  /** {@return {@code method}'s key: the one the agent's name and descriptor give} */
  static String key(Method method) {
    return key(method.getDeclaringClass().getName(), method.getName(),
        MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString());
  }

  /** {@return the key of a method named by the agent, {@code com.acme.Foo#charge(I)V}} */
  static String key(String className, String methodName, String descriptor) {
    return className + '#' + methodName + descriptor;
  }
}
