package dev.warden.runtime.internal;

import dev.warden.runtime.BreakerListener;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConcurrencyLimiter;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.Guard;
import dev.warden.runtime.GuardListener;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.TimeoutConfig;
import dev.warden.runtime.TimeoutStats;
import dev.warden.runtime.store.StoreBinding;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one registry of named guards in a JVM (the agent puts the runtime on the boot class path so
 * that application and agent share it). Every method of one class loader that declares a name
 * shares one guard of each kind; a later declaration from that loader with a different
 * configuration keeps it and logs a warning naming both.
 *
 * <p>Another class loader (a redeployed application, a second application) shares the newest
 * guard of the name if it declares the same configuration; otherwise it gets a guard of its own,
 * which becomes the newest: the registry, {@code Warden} and JMX show the newest, while each
 * loader's methods keep using their own. The registry holds only the newest guard strongly and
 * no class loader at all, so a dead deployment's classes (e.g. in {@code failOn} or {@code
 * retryOn}) stay collectable once a newer one has declared its guards.
 *
 * <p>Declarations are compared with the configuration a guard was declared with, also after it was
 * {@linkplain Reconfigurer reconfigured} at run time: a method declaring what the guard was
 * created with shares it, silently.
 *
 * <p>Thread-safe: lookups are lock-free; declarations lock their name (only while a guard
 * site is created, never on a call's path).
 *
 * <p>Not for application code, which reads guards through {@code dev.warden.runtime.Warden}.
 */
public final class GuardRegistry {

  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final GuardRegistry INSTANCE = new GuardRegistry(TimeSource.SYSTEM, new JmxExporter());

  private final TimeSource time;
  private final JmxExporter jmx;
  private final Map<String, Named<RateLimiter>> limiters = new ConcurrentHashMap<>();
  private final Map<String, Named<CircuitBreaker>> breakers = new ConcurrentHashMap<>();
  private final Map<String, Named<CallStats>> stats = new ConcurrentHashMap<>();
  private final Map<String, Named<ConcurrencyLimiter>> bulkheads = new ConcurrentHashMap<>();
  private final Map<String, Named<TimeoutStats>> timeouts = new ConcurrentHashMap<>();
  private final Map<String, Named<RetryStats>> retries = new ConcurrentHashMap<>();
  /**
   * The configuration each guard was declared with, by identity, as long as the guard lives;
   * without throwable types (see {@link #declaredConfig}).
   */
  private final Map<Object, Object> declared = Collections.synchronizedMap(new WeakHashMap<>());
  /** The binding of each shared limiter, by identity, as long as the limiter lives. */
  private final Map<RateLimiter, StoreBinding> bindings = Collections.synchronizedMap(new WeakHashMap<>());
  private final CopyOnWriteArrayList<BreakerListener> listeners = new CopyOnWriteArrayList<>();
  private final BreakerListener dispatcher = this::dispatch;
  private final GuardListeners guardListeners = new GuardListeners();

  GuardRegistry(TimeSource time, JmxExporter jmx) {
    this.time = time;
    this.jmx = jmx;
    jmx.attach(this);
  }

  /** {@return the JVM-wide registry} */
  public static GuardRegistry instance() {
    return INSTANCE;
  }

  /**
   * The rate limiter named {@code name} for a method of {@code loader}, created on first request.
   * Two declarations are the same only if their configurations are equal and they are bound to
   * the same store (the same instance) with the same policy, or both local.
   *
   * @param name the guard name
   * @param config the configuration the method declares
   * @param binding its shared store, or {@code null} if its bucket is local
   * @param declaredBy the declaring method, for log messages
   * @param loader the method's class loader ({@code null}: the boot loader)
   * @return the guard the method is to use
   */
  public RateLimiter limiter(
      String name, RateLimiterConfig config, StoreBinding binding, String declaredBy, ClassLoader loader) {
    return obtain(limiters, "@Throttled", name, new LimiterSpec(config, binding), declaredBy, loader,
        n -> {
          if (binding == null) {
            return jmx.export(RateLimiter.create(n, config, time));
          }
          RateLimiter limiter = RateLimiter.create(n, config, time, binding);
          bindings.put(limiter, binding);
          return jmx.export(limiter);
        },
        limiter -> new LimiterSpec(limiter.config(), bindings.get(limiter)));
  }

  /**
   * The circuit breaker named {@code name} for a method of {@code loader}, created on first request.
   *
   * @param name the guard name
   * @param config the configuration the method declares
   * @param declaredBy the declaring method, for log messages
   * @param loader the method's class loader ({@code null}: the boot loader)
   * @return the guard the method is to use
   */
  public CircuitBreaker breaker(String name, CircuitBreakerConfig config, String declaredBy, ClassLoader loader) {
    return obtain(breakers, "@Breaker", name, config, declaredBy, loader,
        n -> {
          CircuitBreaker breaker = CircuitBreaker.create(n, config, time);
          breaker.addListener(dispatcher);
          return jmx.export(breaker);
        },
        CircuitBreaker::config);
  }

  /**
   * The call statistics named {@code name} for a method of {@code loader}, created on first request.
   * Two declarations are the same only if both measure latency or neither does.
   *
   * @param name the guard name
   * @param latency whether the statistics measure the duration of calls (on this registry's clock)
   * @param declaredBy the declaring method, for log messages
   * @param loader the method's class loader ({@code null}: the boot loader)
   * @return the guard the method is to use
   */
  public CallStats stats(String name, boolean latency, String declaredBy, ClassLoader loader) {
    return obtain(stats, "@CountCalls", name, "latency=" + latency, declaredBy, loader,
        n -> jmx.export(latency ? CallStats.withLatency(n, time) : new CallStats(n)),
        s -> "latency=" + s.measuresLatency());
  }

  /**
   * The concurrency limiter (bulkhead) named {@code name} for a method of {@code loader}, created
   * on first request.
   *
   * @param name the guard name
   * @param config the configuration the method declares
   * @param declaredBy the declaring method, for log messages
   * @param loader the method's class loader ({@code null}: the boot loader)
   * @return the guard the method is to use
   */
  public ConcurrencyLimiter bulkhead(
      String name, ConcurrencyLimiterConfig config, String declaredBy, ClassLoader loader) {
    return obtain(bulkheads, "@Bulkhead", name, config, declaredBy, loader,
        n -> jmx.export(ConcurrencyLimiter.create(n, config, time)),
        ConcurrencyLimiter::config);
  }

  /**
   * The timeout guard named {@code name} for a method of {@code loader}, created on first request.
   *
   * @param name the guard name
   * @param config the configuration the method declares
   * @param declaredBy the declaring method, for log messages
   * @param loader the method's class loader ({@code null}: the boot loader)
   * @return the guard the method is to use
   */
  public TimeoutStats timeout(String name, TimeoutConfig config, String declaredBy, ClassLoader loader) {
    return obtain(timeouts, "@Timeout", name, config, declaredBy, loader,
        n -> jmx.export(new TimeoutStats(n, config)),
        TimeoutStats::config);
  }

  /**
   * The retry guard named {@code name} for a method of {@code loader}, created on first request.
   *
   * @param name the guard name
   * @param config the configuration the method declares
   * @param declaredBy the declaring method, for log messages
   * @param loader the method's class loader ({@code null}: the boot loader)
   * @return the guard the method is to use
   */
  public RetryStats retry(String name, RetryConfig config, String declaredBy, ClassLoader loader) {
    return obtain(retries, "@Retry", name, config, declaredBy, loader,
        n -> jmx.export(new RetryStats(n, config)),
        RetryStats::config);
  }

  /** {@return the clock and parking of every guard this registry creates} */
  public TimeSource time() {
    return time;
  }

  /**
   * The newest rate limiter named {@code name}.
   *
   * @param name the guard name
   * @return the limiter, or {@code null} if there is none
   */
  public RateLimiter findLimiter(String name) {
    return guard(limiters.get(name));
  }

  /**
   * The newest circuit breaker named {@code name}.
   *
   * @param name the guard name
   * @return the breaker, or {@code null} if there is none
   */
  public CircuitBreaker findBreaker(String name) {
    return guard(breakers.get(name));
  }

  /**
   * The newest call statistics named {@code name}.
   *
   * @param name the guard name
   * @return the statistics, or {@code null} if there are none
   */
  public CallStats findStats(String name) {
    return guard(stats.get(name));
  }

  /**
   * The newest concurrency limiter (bulkhead) named {@code name}.
   *
   * @param name the guard name
   * @return the limiter, or {@code null} if there is none
   */
  public ConcurrencyLimiter findBulkhead(String name) {
    return guard(bulkheads.get(name));
  }

  /**
   * The newest timeout guard named {@code name}.
   *
   * @param name the guard name
   * @return its state, or {@code null} if there is none
   */
  public TimeoutStats findTimeout(String name) {
    return guard(timeouts.get(name));
  }

  /**
   * The newest retry guard named {@code name}.
   *
   * @param name the guard name
   * @return its state, or {@code null} if there is none
   */
  public RetryStats findRetry(String name) {
    return guard(retries.get(name));
  }

  /**
   * Every live rate limiter named {@code name}: the newest and those other class loaders' methods
   * still use.
   *
   * @param name the guard name
   * @return the limiters, the newest first; empty if there are none
   */
  public List<RateLimiter> liveLimiters(String name) {
    return live(limiters.get(name));
  }

  /**
   * Every live circuit breaker named {@code name}, as {@link #liveLimiters}.
   *
   * @param name the guard name
   * @return the breakers, the newest first; empty if there are none
   */
  public List<CircuitBreaker> liveBreakers(String name) {
    return live(breakers.get(name));
  }

  /**
   * Every live concurrency limiter (bulkhead) named {@code name}, as {@link #liveLimiters}.
   *
   * @param name the guard name
   * @return the limiters, the newest first; empty if there are none
   */
  public List<ConcurrencyLimiter> liveBulkheads(String name) {
    return live(bulkheads.get(name));
  }

  /**
   * Every live timeout guard named {@code name}, as {@link #liveLimiters}.
   *
   * @param name the guard name
   * @return their states, the newest first; empty if there are none
   */
  public List<TimeoutStats> liveTimeouts(String name) {
    return live(timeouts.get(name));
  }

  /**
   * Every live retry guard named {@code name}, as {@link #liveLimiters}.
   *
   * @param name the guard name
   * @return their states, the newest first; empty if there are none
   */
  public List<RetryStats> liveRetries(String name) {
    return live(retries.get(name));
  }

  /**
   * Whether {@code limiter} keeps its bucket in a shared store.
   *
   * @param limiter a limiter of this registry
   * @return {@code true} if it is bound to a store
   */
  public boolean isShared(RateLimiter limiter) {
    return bindings.containsKey(limiter);
  }

  /** {@return every guard name, sorted, in a new set} */
  public Set<String> names() {
    Set<String> names = new TreeSet<>(limiters.keySet());
    names.addAll(breakers.keySet());
    names.addAll(stats.keySet());
    names.addAll(bulkheads.keySet());
    names.addAll(timeouts.keySet());
    names.addAll(retries.keySet());
    return names;
  }

  /**
   * Adds a listener told of every transition of every registered breaker.
   *
   * @param listener the listener
   */
  public void addListener(BreakerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener.
   *
   * @param listener the listener
   * @return whether it was registered
   */
  public boolean removeListener(BreakerListener listener) {
    return listeners.remove(listener);
  }

  /**
   * Adds a listener told of the newest guard of every name and kind now, then of every guard
   * created later; each exactly once, even when guards are created meanwhile.
   *
   * @param listener the listener
   */
  public void addGuardListener(GuardListener listener) {
    guardListeners.add(listener, this::newestGuards);
  }

  /**
   * Removes one registration of a listener added with {@link #addGuardListener}.
   *
   * @param listener the listener
   * @return whether it was registered
   */
  public boolean removeGuardListener(GuardListener listener) {
    return guardListeners.remove(listener);
  }

  private List<Guard> newestGuards() {
    List<Guard> newest = new ArrayList<>();
    for (Map<String, ? extends Named<? extends Guard>> kind :
        List.<Map<String, ? extends Named<? extends Guard>>>of(limiters, breakers, stats, bulkheads, timeouts, retries)) {
      for (Named<? extends Guard> named : kind.values()) {
        Guard guard = named.newest;
        if (guard != null) {
          newest.add(guard);
        }
      }
    }
    return newest;
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

  private static <G> G guard(Named<G> named) {
    return named == null ? null : named.newest;
  }

  private static <G> List<G> live(Named<G> named) {
    if (named == null) {
      return List.of();
    }
    List<G> live = new ArrayList<>();
    synchronized (named) {
      if (named.newest != null) {
        live.add(named.newest);
      }
      for (Declared<G> declaration : named.declarations) {
        G guard = declaration.guard.get();
        if (guard != null && live.stream().noneMatch(g -> g == guard)) {
          live.add(guard);
        }
      }
    }
    return live;
  }

  /**
   * The configuration {@code guard} was declared with. Kept without throwable types, whose classes
   * would pin their loader through the guard's own site (the weak map's value would hold its key);
   * they are those of the guard's configuration in force, since they never change.
   */
  private <G, C> Object declaredConfig(G guard, Function<G, C> configOf) {
    Object numbers = declared.get(guard);
    if (numbers instanceof CircuitBreakerConfig b && configOf.apply(guard) instanceof CircuitBreakerConfig now) {
      return new CircuitBreakerConfig(b.failureThreshold(), b.cooldownMillis(), b.halfOpenCalls(), now.failOn(),
          now.ignore());
    }
    if (numbers instanceof RetryConfig r && configOf.apply(guard) instanceof RetryConfig now) {
      return new RetryConfig(r.maxAttempts(), r.delayMillis(), r.multiplier(), r.maxDelayMillis(), r.jitter(),
          now.retryOn(), now.abortOn());
    }
    return numbers;
  }

  /** {@code config} as {@link #declared} keeps it. */
  private static Object withoutTypes(Object config) {
    if (config instanceof CircuitBreakerConfig b) {
      return new CircuitBreakerConfig(b.failureThreshold(), b.cooldownMillis(), b.halfOpenCalls(), List.of(), List.of());
    }
    if (config instanceof RetryConfig r) {
      return new RetryConfig(r.maxAttempts(), r.delayMillis(), r.multiplier(), r.maxDelayMillis(), r.jitter(),
          List.of(), List.of());
    }
    return config;
  }

  private <G extends Guard, C> G obtain(
      Map<String, Named<G>> guards,
      String kind,
      String name,
      C config,
      String declaredBy,
      ClassLoader loader,
      Function<String, G> factory,
      Function<G, C> configOf) {
    Named<G> named = guards.computeIfAbsent(name, n -> new Named<>());
    G created;
    synchronized (named) {
      named.declarations.removeIf(Declared::isDead);
      for (Declared<G> own : named.declarations) {
        G guard = own.isFrom(loader) ? own.guard.get() : null;
        if (guard != null) {
          Object existing = declaredConfig(guard, configOf);
          if (!existing.equals(config)) {
            LOG.log(System.Logger.Level.WARNING,
                "{0} guard ''{1}'' is declared by {2} with {3} but {4} created it first with {5}; keeping the first",
                kind, name, declaredBy, config, own.declaredBy, existing);
          }
          return guard;
        }
      }
      G newest = named.newest;
      if (newest != null && declaredConfig(newest, configOf).equals(config)) {
        named.declarations.add(new Declared<>(newest, declaredBy, loader));
        return newest;
      }
      created = factory.apply(name);
      declared.put(created, withoutTypes(config));
      named.declarations.add(new Declared<>(created, declaredBy, loader));
      if (newest != null) {
        LOG.log(System.Logger.Level.INFO,
            "{0} guard ''{1}'' is declared by {2} from another class loader with {3}; it replaces the one {4} created with {5}",
            kind, name, declaredBy, config, named.newestBy, declaredConfig(newest, configOf));
      }
      named.newestBy = declaredBy;
      G newer = created;
      guardListeners.publish(created, () -> named.newest = newer);
    }
    guardListeners.deliver();
    return created;
  }

  /**
   * What makes two rate limiters' declarations the same: the configuration and, if shared, the
   * store (by identity) and the policy.
   */
  private record LimiterSpec(RateLimiterConfig config, StoreBinding binding) {
    @Override
    public boolean equals(Object other) {
      return other instanceof LimiterSpec spec && config.equals(spec.config) && (binding == null
          ? spec.binding == null
          : spec.binding != null && binding.store() == spec.binding.store() && binding.onFailure() == spec.binding.onFailure());
    }

    @Override
    public int hashCode() {
      return config.hashCode();
    }

    @Override
    public String toString() {
      return binding == null ? config.toString()
          : config + " in store " + binding.store().describe() + " (onStoreFailure=" + binding.onFailure() + ")";
    }
  }

  /**
   * One name's guards: one per class loader whose methods declare it (loaders with equal
   * configurations share one), and the newest, which lookups return. Only the newest is held
   * strongly; the others live as long as their loader's guard sites hold them.
   */
  private static final class Named<G> {
    /** Guarded by {@code this}. */
    final List<Declared<G>> declarations = new ArrayList<>();
    /** Written under {@code this} and the listeners' lock ({@link GuardListeners#publish}). */
    volatile G newest;
    /** Guarded by {@code this}: the method whose declaration created {@link #newest}. */
    String newestBy;
  }

  /** A class loader's guard for one name: both held weakly. */
  private static final class Declared<G> {
    final WeakReference<G> guard;
    final String declaredBy;
    /** {@code null}: the boot loader. */
    private final WeakReference<ClassLoader> loader;

    Declared(G guard, String declaredBy, ClassLoader loader) {
      this.guard = new WeakReference<>(guard);
      this.declaredBy = declaredBy;
      this.loader = loader == null ? null : new WeakReference<>(loader);
    }

    /** Whether {@code other} is the class loader of the declaring method ({@code null}: the boot loader). */
    boolean isFrom(ClassLoader other) {
      return loader == null ? other == null : other != null && loader.get() == other;
    }

    /** Whether its loader or its guard is gone. */
    boolean isDead() {
      return guard.get() == null || (loader != null && loader.get() == null);
    }
  }
}
