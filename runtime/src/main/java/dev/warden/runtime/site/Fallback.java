package dev.warden.runtime.site;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.rules.Fallbacks;
import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.MethodShape;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A resolved {@code fallback} (chosen by {@link Fallbacks}): invoked through a method handle, made
 * once when the site is created, only when a call is rejected.
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
   * The fallback {@code method}, which the rules resolved for {@code guarded}.
   *
   * @throws ConfigurationException if the runtime may not call it
   */
  static Fallback of(Method method, MethodShape fallback, MethodShape guarded, GuardDeclaration declaration) {
    try {
      // Fixed arity: a varargs fallback receives its array as the one argument it is.
      MethodHandle handle = MethodHandles.privateLookupIn(method.getDeclaringClass(), MethodHandles.lookup())
          .unreflect(method)
          .asFixedArity();
      return new Fallback(
          handle.asSpreader(Object[].class, handle.type().parameterCount()),
          Modifier.isStatic(method.getModifiers()),
          Fallbacks.takesRejection(fallback, guarded));
    } catch (IllegalAccessException e) {
      throw Fallbacks.inaccessible(declaration, guarded, e.getMessage());
    }
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
