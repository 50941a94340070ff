package dev.warden.runtime.internal;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.GuardRejectedException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * A resolved {@code fallback}: a method of the guarded method's class with the same parameter
 * types, optionally plus one trailing parameter that receives the rejection, and a return type
 * assignable to the guarded method's. Resolved once, when the site is created; invoked through a
 * method handle only when a call is rejected.
 *
 * <p>Immutable; thread-safe.
 */
final class Fallback {

  private static final Object[] NO_ARGUMENTS = {};

  private final MethodHandle handle;
  private final boolean isStatic;
  private final boolean takesRejection;

  private Fallback(MethodHandle handle, boolean isStatic, boolean takesRejection) {
    this.handle = handle;
    this.isStatic = isStatic;
    this.takesRejection = takesRejection;
  }

  /**
   * Resolves {@code name} for {@code guarded}, whose rejections are of type {@code rejection}.
   *
   * @param attribute the annotation and attribute, for messages, e.g. {@code @Breaker(fallback)}
   * @throws ConfigurationException naming the attribute, the method and what does not fit
   */
  static Fallback resolve(
      Method guarded, String name, Class<? extends GuardRejectedException> rejection, String attribute) {
    Class<?> owner = guarded.getDeclaringClass();
    Class<?>[] params = guarded.getParameterTypes();
    String where = attribute + "=\"" + name + "\" on " + owner.getName() + "#" + guarded.getName();
    Method match = null;
    for (Method candidate : owner.getDeclaredMethods()) {
      if (candidate.getName().equals(name) && fitsParameters(candidate, params, rejection)) {
        if (!guarded.getReturnType().isAssignableFrom(candidate.getReturnType())
            && guarded.getReturnType() != void.class) {
          throw new ConfigurationException(
              "fallback", name,
              "Invalid " + where + ": fallback returns " + candidate.getReturnType().getName()
                  + ", not assignable to " + guarded.getReturnType().getName());
        }
        if (Modifier.isStatic(guarded.getModifiers()) && !Modifier.isStatic(candidate.getModifiers())) {
          throw new ConfigurationException(
              "fallback", name,
              "Invalid " + where + ": the guarded method is static, so the fallback must be static");
        }
        if (match == null || candidate.getParameterCount() == params.length) {
          match = candidate;
        }
      }
    }
    if (match == null) {
      throw new ConfigurationException(
              "fallback", name,
          "Invalid " + where + ": no method " + name + Arrays.toString(params).replace('[', '(').replace(']', ')')
              + " (optionally with a trailing Throwable parameter) in " + owner.getName());
    }
    try {
      MethodHandle handle =
          MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).unreflect(match);
      boolean isStatic = Modifier.isStatic(match.getModifiers());
      return new Fallback(
          handle.asSpreader(Object[].class, handle.type().parameterCount()),
          isStatic,
          match.getParameterCount() > params.length);
    } catch (IllegalAccessException e) {
      throw new ConfigurationException(
          "fallback", name, "Invalid " + where + ": fallback is not accessible: " + e.getMessage());
    }
  }

  private static boolean fitsParameters(
      Method candidate, Class<?>[] params, Class<? extends GuardRejectedException> rejection) {
    Class<?>[] own = candidate.getParameterTypes();
    if (own.length == params.length) {
      return Arrays.equals(own, params);
    }
    return own.length == params.length + 1
        && Arrays.equals(Arrays.copyOf(own, params.length), params)
        && Throwable.class.isAssignableFrom(own[params.length])
        && own[params.length].isAssignableFrom(rejection);
  }

  /** Whether the fallback has a trailing parameter for the rejection. */
  boolean takesRejection() {
    return takesRejection;
  }

  /** Runs the fallback on {@code target} (ignored when static) with {@code arguments} ({@code null}: none). */
  Object invoke(Object target, Object[] arguments, GuardRejectedException rejection) throws Throwable {
    if (arguments == null) {
      arguments = NO_ARGUMENTS;
    }
    int size = arguments.length + (isStatic ? 0 : 1) + (takesRejection ? 1 : 0);
    Object[] all = new Object[size];
    int next = 0;
    if (!isStatic) {
      all[next++] = target;
    }
    System.arraycopy(arguments, 0, all, next, arguments.length);
    if (takesRejection) {
      all[size - 1] = rejection;
    }
    return handle.invoke(all);
  }
}
