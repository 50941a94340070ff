package dev.warden.runtime.site;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.rules.Fallbacks;
import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.MethodShape;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A resolved {@code fallback} (chosen by {@link Fallbacks}): invoked through a method handle, made
 * once when the site is created, only when a call is rejected.
 *
 * <p>Immutable; thread-safe.
 */
final class Fallback {

  /** The one shape every fallback handle is adapted to: (target, arguments, rejection) → result. */
  private static final MethodType SHAPE =
      MethodType.methodType(Object.class, Object.class, Object[].class, GuardRejectedException.class);

  private final MethodHandle handle;
  private final boolean takesRejection;

  private Fallback(MethodHandle handle, boolean takesRejection) {
    this.handle = handle;
    this.takesRejection = takesRejection;
  }

  /**
   * The fallback {@code method}, which the rules resolved for {@code guarded}.
   *
   * <p>The handle is made through {@code caller}, the full-privilege lookup of the generated or
   * woven class that asked for the site (in the application's own module), so that a private
   * fallback in a package the application's module does not open still works; failing that,
   * through the runtime's own lookup (enough on the class path, or for an open package).
   *
   * @throws ConfigurationException if the runtime may not call it
   */
  static Fallback of(
      Method method, MethodShape fallback, MethodShape guarded, GuardDeclaration declaration,
      MethodHandles.Lookup caller) {
    MethodHandle handle;
    try {
      // Fixed arity: a varargs fallback receives its array as the one argument it is.
      handle = lookupIn(method.getDeclaringClass(), caller).unreflect(method).asFixedArity();
    } catch (IllegalAccessException e) {
      throw Fallbacks.inaccessible(declaration, guarded, e.getMessage());
    }
    boolean takesRejection = Fallbacks.takesRejection(fallback, guarded);
    if (Modifier.isStatic(method.getModifiers())) {
      handle = MethodHandles.dropArguments(handle, 0, Object.class);
    }
    if (!takesRejection) {
      handle = MethodHandles.dropArguments(handle, handle.type().parameterCount(), GuardRejectedException.class);
    }
    int arguments = handle.type().parameterCount() - 2;
    // Spread once here, so that a call copies nothing: (target, Object[] arguments, rejection) → Object.
    return new Fallback(handle.asSpreader(1, Object[].class, arguments).asType(SHAPE), takesRejection);
  }

  /** A lookup with private access to {@code type}: through {@code caller} if it may, else the runtime's own. */
  private static MethodHandles.Lookup lookupIn(Class<?> type, MethodHandles.Lookup caller)
      throws IllegalAccessException {
    try {
      return MethodHandles.privateLookupIn(type, caller);
    } catch (IllegalAccessException e) {
      if (caller.lookupClass() == Fallback.class) {
        throw e;
      }
      return runtimeLookupIn(type);
    }
  }

  /**
   * The runtime's own private lookup in {@code type}: the runtime reads {@code type}'s module first
   * (only the runtime's module can add that edge to itself; on the class path it reads everything
   * already), so a package the application opens to {@code dev.warden.runtime} is enough.
   */
  private static MethodHandles.Lookup runtimeLookupIn(Class<?> type) throws IllegalAccessException {
    Fallback.class.getModule().addReads(type.getModule());
    return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
  }

  /** Whether the fallback has a trailing parameter for the rejection. */
  boolean takesRejection() {
    return takesRejection;
  }

  /**
   * Runs the fallback on {@code target} (ignored when static) with {@code arguments} ({@code null}
   * for a method without parameters); allocates nothing itself.
   */
  Object invoke(Object target, Object[] arguments, GuardRejectedException rejection) throws Throwable {
    return (Object) handle.invokeExact(target, arguments, rejection);
  }
}
