package dev.warden.runtime.site;

import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.GuardRejectedException;
import java.util.concurrent.Callable;

/** Calls a body through a {@link GuardSite} exactly as generated and woven code do. */
public final class Protocol {

  private Protocol() {}

  /** One guarded call of {@code body} on {@code target} with {@code arguments}. */
  static Object call(GuardSite site, Object target, Object[] arguments, Callable<?> body) throws Exception {
    Object permit = site.enter();
    if (permit instanceof GuardRejectedException) {
      return site.rejected(permit, target, arguments);
    }
    Object result;
    try {
      result = body.call();
    } catch (Throwable t) {
      site.onFailure(permit, t);
      throw t;
    }
    return site.onReturn(permit, result);
  }

  /**
   * One guarded call of {@code body} through a site of a method with {@code @Retry}, exactly as
   * generated and woven code do: the body runs again for each permit {@link GuardSite#retry} or
   * {@link GuardSite#returned} hands out.
   */
  static Object callRetrying(GuardSite site, Object target, Object[] arguments, Callable<?> body) throws Exception {
    Object permit = site.enter();
    for (;;) {
      if (permit instanceof GuardRejectedException) {
        return site.rejected(permit, target, arguments);
      }
      Object result;
      try {
        result = body.call();
      } catch (Throwable t) {
        permit = site.retry(permit, t);
        continue;
      }
      permit = site.returned(permit);
      if (permit == null) {
        return result;
      }
    }
  }

  /** {@link #callRetrying(GuardSite, Object, Object[], Callable)} of a body without arguments or target. */
  static Object callRetrying(GuardSite site, Callable<?> body) throws Exception {
    return callRetrying(site, null, null, body);
  }

  /** One guarded call of a body without arguments or target. */
  static Object call(GuardSite site, Callable<?> body) throws Exception {
    return call(site, null, new Object[0], body);
  }

  /** A site on a registry of its own, so that the test controls its clock. */
  public static GuardSite site(GuardRegistry registry, Class<?> type, String method, Class<?>... parameterTypes) {
    return site(registry, TimeoutTimer.jvmWide(), type, method, parameterTypes);
  }

  /** A site on a registry and a timeout timer of the test's own. */
  static GuardSite site(
      GuardRegistry registry, TimeoutTimer timer, Class<?> type, String method, Class<?>... parameterTypes) {
    return SiteFactory.create(SiteFactory.method(type, method, parameterTypes), registry, timer);
  }

  /**
   * A site as the java agent makes it for a woven method, on a registry and a timeout timer of the
   * test's own: the method itself follows the protocol (as woven code does), and a site that takes
   * a call over calls the method again for each attempt, marked so that it only runs its body.
   */
  static GuardSite wovenSite(GuardRegistry registry, TimeoutTimer timer, java.util.function.DoubleSupplier random,
      Class<?> type, String method, Class<?>... parameterTypes) {
    return SiteFactory.create(SiteFactory.method(type, method, parameterTypes), registry, timer, random,
        BodyInvoker.Origin.WOVEN);
  }

  /** A site on a registry and a timeout timer of the test's own, with the jitter's random numbers from {@code random}. */
  static GuardSite site(GuardRegistry registry, TimeoutTimer timer, java.util.function.DoubleSupplier random,
      Class<?> type, String method, Class<?>... parameterTypes) {
    return SiteFactory.create(SiteFactory.method(type, method, parameterTypes), registry, timer, random);
  }
}
