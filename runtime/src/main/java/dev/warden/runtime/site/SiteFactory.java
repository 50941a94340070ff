package dev.warden.runtime.site;

import dev.warden.runtime.internal.GuardRegistry;
import dev.warden.runtime.internal.Stores;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.TimeoutConfig;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.MethodRules;
import dev.warden.runtime.rules.MethodShape;
import dev.warden.runtime.rules.Overrides;
import dev.warden.runtime.rules.Reflection;
import dev.warden.runtime.rules.Values;
import dev.warden.runtime.store.StoreBinding;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Turns an annotated method into its {@link GuardSite}: reads its declarations and overrides,
 * checks them all with the shared rules ({@link MethodRules}), resolves its throttle's shared
 * store ({@link Stores}), and only then obtains the shared guards from the {@link GuardRegistry},
 * so that a misconfigured method registers nothing.
 *
 * <p>Stateless; thread-safe.
 */
final class SiteFactory {

  private static final System.Logger LOG = System.getLogger("dev.warden");

  private SiteFactory() {}

  static Method method(Class<?> declaringClass, String methodName, Class<?>... parameterTypes) {
    try {
      return declaringClass.getDeclaredMethod(methodName, parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "No method " + methodName + Arrays.toString(parameterTypes) + " declared in " + declaringClass.getName(), e);
    }
  }

  static String displayName(Method method) {
    return Reflection.shape(method).display();
  }

  /**
   * The method's site; {@code caller} is the lookup through which the runtime reaches the
   * method's fallbacks and stage type (see {@link Fallback#of}).
   */
  static GuardSite create(Method method, MethodHandles.Lookup caller, BodyInvoker.Origin origin) {
    return create(method, caller, GuardRegistry.instance(), TimeoutTimer.jvmWide(), origin, GuardSite.THREAD_RANDOM,
        null);
  }

  /**
   * The site of a generated wrapper of a method the java agent also wove, which takes over its
   * calls ({@code CompletionStage} with {@code @Retry}): it reaches the body through the wrapper,
   * marked as guarded for the woven site, which shares its guards.
   */
  static GuardSite createBeside(Method method, MethodHandles.Lookup caller, GuardSite woven) {
    return create(method, caller, GuardRegistry.instance(), TimeoutTimer.jvmWide(), BodyInvoker.Origin.GENERATED,
        GuardSite.THREAD_RANDOM, woven);
  }

  /** The method's site on {@code registry} and {@code timer} (tests: a fake clock for both). */
  static GuardSite create(Method method, GuardRegistry registry, TimeoutTimer timer) {
    return create(method, registry, timer, GuardSite.THREAD_RANDOM);
  }

  /** As {@link #create(Method, GuardRegistry, TimeoutTimer)}, with the random numbers of retry delays' jitter. */
  static GuardSite create(Method method, GuardRegistry registry, TimeoutTimer timer, DoubleSupplier random) {
    return create(method, registry, timer, random, BodyInvoker.Origin.HAND_WRITTEN);
  }

  /** As {@link #create(Method, GuardRegistry, TimeoutTimer, DoubleSupplier)}, called from {@code origin}. */
  static GuardSite create(
      Method method, GuardRegistry registry, TimeoutTimer timer, DoubleSupplier random, BodyInvoker.Origin origin) {
    return create(method, MethodHandles.lookup(), registry, timer, origin, random, null);
  }

  /**
   * The method's site; an invalid configuration gives a site whose every call fails with it.
   *
   * @param woven whether the java agent wove the method: it reported an invalid configuration at
   *     weave time by the same rules, so it is not logged again
   */
  static GuardSite create(Method method, MethodHandles.Lookup caller, GuardRegistry registry, boolean woven) {
    return create(method, caller, registry, TimeoutTimer.jvmWide(),
        woven ? BodyInvoker.Origin.WOVEN : BodyInvoker.Origin.HAND_WRITTEN, GuardSite.THREAD_RANDOM, null);
  }

  private static GuardSite create(Method method, MethodHandles.Lookup caller, GuardRegistry registry,
      TimeoutTimer timer, BodyInvoker.Origin origin, DoubleSupplier random, GuardSite guardedWoven) {
    String display = displayName(method);
    boolean woven = origin == BodyInvoker.Origin.WOVEN;
    try {
      return build(method, caller, registry, timer, display, origin, random, guardedWoven);
    } catch (ConfigurationException e) {
      // the agent cannot know at weave time that the body is unreachable, nor check the store
      if (!woven || e instanceof BodyInvoker.Unreachable || e instanceof Stores.Unusable) {
        LOG.log(System.Logger.Level.ERROR, "{0}: every call will fail: {1}", display, e.getMessage());
      }
      return GuardSite.misconfigured(display, e);
    }
  }

  private static GuardSite build(
      Method method,
      MethodHandles.Lookup caller,
      GuardRegistry registry,
      TimeoutTimer timer,
      String display,
      BodyInvoker.Origin origin,
      DoubleSupplier random,
      GuardSite guardedWoven) {
    ClassLoader loader = method.getDeclaringClass().getClassLoader();
    Checked checked = check(method);
    MethodRules.Checked rules = checked.rules();
    Fallback breakerFallback = checked.fallback(GuardKind.BREAKER, caller);
    Fallback throttledFallback = checked.fallback(GuardKind.THROTTLED, caller);
    Fallback bulkheadFallback = checked.fallback(GuardKind.BULKHEAD, caller);
    StageFactory stages = StageFactory.of(display, method.getReturnType(), caller);
    GuardDeclaration breaker = rules.declarations().get(GuardKind.BREAKER);
    CircuitBreakerConfig breakerConfig = breaker == null ? null
        : Values.circuitBreaker(breaker, throwables(breaker, "failOn", loader), throwables(breaker, "ignore", loader));
    GuardDeclaration throttled = rules.declarations().get(GuardKind.THROTTLED);
    RateLimiterConfig limiterConfig = throttled == null ? null : Values.rateLimiter(throttled);
    GuardDeclaration bulkheadDeclaration = rules.declarations().get(GuardKind.BULKHEAD);
    ConcurrencyLimiterConfig bulkheadConfig =
        bulkheadDeclaration == null ? null : Values.concurrencyLimiter(bulkheadDeclaration);
    GuardDeclaration timeoutDeclaration = rules.declarations().get(GuardKind.TIMEOUT);
    TimeoutConfig timeoutConfig = timeoutDeclaration == null ? null : Values.timeout(timeoutDeclaration);
    GuardDeclaration retryDeclaration = rules.declarations().get(GuardKind.RETRY);
    RetryConfig retryConfig = retryDeclaration == null ? null : Values.retry(retryDeclaration,
        throwables(retryDeclaration, "retryOn", loader), throwables(retryDeclaration, "abortOn", loader));
    BodyInvoker invoker = // the body of a call the site takes over, checked before any guard is registered
        retryDeclaration != null && stages != null ? BodyInvoker.of(origin, method, caller, guardedWoven) : null;
    StoreBinding binding = throttled == null ? null
        : Stores.binding(rules.names().get(GuardKind.THROTTLED), limiterConfig, checked.overrides(), loader);
    for (String warning : MethodRules.ineffectiveOverrides(rules, checked.overrides())) {
      LOG.log(System.Logger.Level.WARNING, warning);
    }

    Map<GuardKind, String> names = rules.names();
    GuardDeclaration counted = rules.declarations().get(GuardKind.COUNT_CALLS);
    CallStats stats = counted == null ? null : registry.stats(
        names.get(GuardKind.COUNT_CALLS), Values.latency(counted), declaredBy(rules, GuardKind.COUNT_CALLS), loader);
    CircuitBreaker circuit = breaker == null ? null
        : registry.breaker(names.get(GuardKind.BREAKER), breakerConfig, declaredBy(rules, GuardKind.BREAKER), loader);
    RateLimiter limiter = throttled == null ? null : registry.limiter(
        names.get(GuardKind.THROTTLED), limiterConfig, binding, declaredBy(rules, GuardKind.THROTTLED), loader);
    ConcurrencyLimiter bulkhead = bulkheadDeclaration == null ? null : registry.bulkhead(
        names.get(GuardKind.BULKHEAD), bulkheadConfig, declaredBy(rules, GuardKind.BULKHEAD), loader);
    TimeoutStats timeout = timeoutDeclaration == null ? null
        : registry.timeout(names.get(GuardKind.TIMEOUT), timeoutConfig, declaredBy(rules, GuardKind.TIMEOUT), loader);
    RetryStats retry = retryDeclaration == null ? null
        : registry.retry(names.get(GuardKind.RETRY), retryConfig, declaredBy(rules, GuardKind.RETRY), loader);
    SiteGuards guards = new SiteGuards(
        stats, circuit, limiter, bulkhead, timeout, retry, breakerFallback, throttledFallback, bulkheadFallback);
    boolean wovenDefault = origin == BodyInvoker.Origin.WOVEN && method.isDefault();
    return new GuardSite(display, guards, timer, stages, wovenDefault, invoker, random);
  }

  /**
   * How the registry's messages name the declaration of {@code kind}: the method with its
   * parameter types (overloads share default names), and the guard entry and its file if the
   * declaration is configured.
   */
  private static String declaredBy(MethodRules.Checked rules, GuardKind kind) {
    GuardDeclaration d = rules.declarations().get(kind);
    String method = rules.method().signature();
    return d.configured() ? method + " (guard entry " + d.where() + ")" : method;
  }

  /** {@code method} checked by the rules, with its overrides, read once. */
  private static Checked check(Method method) {
    Class<?> owner = method.getDeclaringClass();
    ClassLoader loader = owner.getClassLoader();
    Map<MethodShape, Method> declared = new LinkedHashMap<>();
    for (Method m : owner.getDeclaredMethods()) {
      declared.put(Reflection.shape(m), m);
    }
    Overrides overrides = Overrides.read(loader);
    String unread = overrides.unreadEntries();
    if (unread != null) {
      LOG.log(System.Logger.Level.WARNING, unread);
    }
    MethodShape shape = Reflection.shape(method);
    Map<GuardKind, GuardDeclaration> applicable = Reflection.applicable(method);
    if (applicable.isEmpty()) { // an annotation wins over guard entries
      applicable = ConfiguredMethods.applicable(method, shape);
    }
    MethodRules.Checked rules = MethodRules.check(
        shape, applicable, List.copyOf(declared.keySet()), Reflection.oracle(loader), overrides);
    return new Checked(rules, declared, overrides);
  }

  /** A checked method, its type's methods by shape and the overrides it was checked with. */
  private record Checked(MethodRules.Checked rules, Map<MethodShape, Method> declared, Overrides overrides) {
    Fallback fallback(GuardKind kind, MethodHandles.Lookup caller) {
      MethodShape fallback = rules.fallbacks().get(kind);
      return fallback == null ? null
          : Fallback.of(declared.get(fallback), fallback, rules.method(), rules.declarations().get(kind), caller);
    }
  }

  /** The classes of a checked class-list attribute. */
  private static List<Class<? extends Throwable>> throwables(GuardDeclaration d, String attribute, ClassLoader loader) {
    List<Class<? extends Throwable>> types = new ArrayList<>();
    for (String name : d.typeNames(attribute)) {
      types.add(Reflection.type(name, loader).asSubclass(Throwable.class));
    }
    return types;
  }
}
