package dev.warden.runtime.internal;

import dev.warden.runtime.BreakerListener;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one registry of named guards in a JVM (the agent puts the runtime on the boot class path so
 * that application and agent share it). A guard is created once per name and kind and shared by
 * every method that declares that name with the same configuration, from any class loader.
 *
 * <p>A declaration with a different configuration from the class loader that created the guard
 * keeps the first and logs a warning naming both. From another class loader (a redeployed
 * application) it replaces the guard: the registry, {@code Warden} and JMX then show the new one,
 * while the older loader's methods keep using the guard they already hold. The registry holds
 * loaders only weakly and drops a replaced guard, so a dead deployment's classes (e.g. in {@code
 * failOn}) stay collectable once a newer one has declared its guards.
 *
 * <p>Thread-safe: lookups are lock-free; creation goes through {@link
 * ConcurrentHashMap#computeIfAbsent}, never on a call's path.
 */
public final class GuardRegistry {

  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final GuardRegistry INSTANCE = new GuardRegistry(TimeSource.SYSTEM, new JmxExporter());

  private final TimeSource time;
  private final JmxExporter jmx;
  private final Map<String, Declared<RateLimiter>> limiters = new ConcurrentHashMap<>();
  private final Map<String, Declared<CircuitBreaker>> breakers = new ConcurrentHashMap<>();
  private final Map<String, Declared<CallStats>> stats = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<BreakerListener> listeners = new CopyOnWriteArrayList<>();
  private final BreakerListener dispatcher = this::dispatch;

  GuardRegistry(TimeSource time, JmxExporter jmx) {
    this.time = time;
    this.jmx = jmx;
  }

  /** The JVM-wide registry. */
  public static GuardRegistry instance() {
    return INSTANCE;
  }

  RateLimiter limiter(String name, RateLimiterConfig config, String declaredBy, ClassLoader loader) {
    return obtain(limiters, "@Throttled", name, config, declaredBy, loader,
        n -> jmx.export(RateLimiter.create(n, config, time)),
        RateLimiter::config);
  }

  CircuitBreaker breaker(String name, CircuitBreakerConfig config, String declaredBy, ClassLoader loader) {
    return obtain(breakers, "@Breaker", name, config, declaredBy, loader,
        n -> {
          CircuitBreaker breaker = CircuitBreaker.create(n, config, time);
          breaker.addListener(dispatcher);
          return jmx.export(breaker);
        },
        CircuitBreaker::config);
  }

  CallStats stats(String name, String declaredBy, ClassLoader loader) {
    return obtain(stats, "@CountCalls", name, "", declaredBy, loader,
        n -> jmx.export(new CallStats(n)), s -> "");
  }

  /** The rate limiter named {@code name}, or {@code null}. */
  public RateLimiter findLimiter(String name) {
    return guard(limiters.get(name));
  }

  /** The circuit breaker named {@code name}, or {@code null}. */
  public CircuitBreaker findBreaker(String name) {
    return guard(breakers.get(name));
  }

  /** The call statistics named {@code name}, or {@code null}. */
  public CallStats findStats(String name) {
    return guard(stats.get(name));
  }

  /** Every guard name, sorted. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>(limiters.keySet());
    names.addAll(breakers.keySet());
    names.addAll(stats.keySet());
    return names;
  }

  /** Adds a listener told of every transition of every registered breaker. */
  public void addListener(BreakerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener; returns whether it was registered. */
  public boolean removeListener(BreakerListener listener) {
    return listeners.remove(listener);
  }

  private void dispatch(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
    for (BreakerListener listener : listeners) {
      try {
        listener.onStateChange(breaker, from, to);
      } catch (Throwable e) {
        try {
          LOG.log(System.Logger.Level.WARNING, "Breaker listener failed on '" + breaker.name() + "'", e);
        } catch (Throwable logFailure) {
          // a failing logging backend must not stop delivery to the other listeners
        }
      }
    }
  }

  private static <G> G guard(Declared<G> declared) {
    return declared == null ? null : declared.guard;
  }

  private static <G, C> G obtain(
      Map<String, Declared<G>> guards,
      String kind,
      String name,
      C config,
      String declaredBy,
      ClassLoader loader,
      Function<String, G> factory,
      Function<G, C> configOf) {
    for (;;) {
      Declared<G> declared = guards.get(name);
      if (declared == null) {
        declared = guards.computeIfAbsent(name, n -> new Declared<>(factory.apply(n), declaredBy, loader));
      }
      C existing = configOf.apply(declared.guard);
      if (existing.equals(config)) {
        return declared.guard;
      }
      if (declared.isFrom(loader)) {
        LOG.log(System.Logger.Level.WARNING,
            "{0} guard ''{1}'' is declared by {2} with {3} but {4} created it first with {5}; keeping the first",
            kind, name, declaredBy, config, declared.declaredBy, existing);
        return declared.guard;
      }
      Declared<G> older = declared;
      Declared<G> current = guards.compute(name, (n, now) ->
          now == older ? new Declared<>(factory.apply(n), declaredBy, loader) : now);
      if (current != older && configOf.apply(current.guard).equals(config)) {
        LOG.log(System.Logger.Level.INFO,
            "{0} guard ''{1}'' is declared by {2} from another class loader with {3}; it replaces the one {4} created with {5}",
            kind, name, declaredBy, config, older.declaredBy, existing);
        return current.guard;
      }
    }
  }

  /** A guard, the method whose declaration created it and (weakly) that method's class loader. */
  private static final class Declared<G> {
    final G guard;
    final String declaredBy;
    private final WeakReference<ClassLoader> loader;

    Declared(G guard, String declaredBy, ClassLoader loader) {
      this.guard = guard;
      this.declaredBy = declaredBy;
      this.loader = loader == null ? null : new WeakReference<>(loader);
    }

    /** Whether {@code other} is the class loader of the declaring method ({@code null}: the boot loader). */
    boolean isFrom(ClassLoader other) {
      return loader == null ? other == null : loader.get() == other;
    }
  }
}
