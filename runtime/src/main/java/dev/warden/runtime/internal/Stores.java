package dev.warden.runtime.internal;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.Overrides;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.BucketStoreProvider;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.StoreBinding;
import dev.warden.runtime.store.StoreSettings;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Where a {@code @Throttled} guard keeps its bucket: {@code warden.<name>.store}, else {@code
 * warden.store}, else {@code local}; and what it does while the store fails: {@code
 * warden.<name>.onStoreFailure}, else {@code warden.onStoreFailure}, else {@code local}. A store
 * other than {@code local} is the {@link BucketStoreProvider} of that name that {@link
 * ServiceLoader} finds through the guarded method's class loader (the providers are cached per
 * loader, softly), opened with its settings {@code warden.<store>.*}.
 *
 * <p>Every problem is an {@link Unusable} naming the key, its value and where it is set: an
 * invalid policy (even for a local guard), a blank or unknown store, a provider that cannot be
 * loaded or opened.
 *
 * <p>Thread-safe. Not for application code.
 */
public final class Stores {

  /** The store that keeps a guard's bucket in this process. */
  static final String LOCAL = "local";
  /** The artifact that provides a store, for the message when it is missing. */
  private static final Map<String, String> ARTIFACTS = Map.of(Overrides.REDIS, "dev.warden:warden-redis");
  /** The providers found through each class loader ({@code null}: the system class loader). */
  private static final Map<ClassLoader, SoftReference<List<BucketStoreProvider>>> PROVIDERS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Stores() {}

  /**
   * The binding of guard {@code guardName} to its shared store.
   *
   * @param guardName the guard name
   * @param config the guard's configuration, overrides applied
   * @param overrides the configuration of the guarded method's class loader
   * @param loader the guarded method's class loader ({@code null}: the boot loader)
   * @return the binding, or {@code null} if the guard's bucket is local
   * @throws Unusable if the configuration is invalid or the store cannot be used
   */
  public static StoreBinding binding(
      String guardName, RateLimiterConfig config, Overrides overrides, ClassLoader loader) {
    OnStoreFailure policy = policy(guardName, overrides);
    GuardDeclaration.Override store = setting(guardName, Overrides.STORE, overrides);
    if (store == null) {
      return null;
    }
    String word = store.text().trim();
    if (word.isEmpty()) {
      throw new Unusable(store, "blank; name a store: " + LOCAL + " or one of " + names(providers(store, loader)), null);
    }
    if (word.equalsIgnoreCase(LOCAL)) {
      return null;
    }
    BucketStoreProvider provider = provider(store, word, loader);
    StoreSettings settings = StoreSettings.of(provider.name(), key -> {
      GuardDeclaration.Override setting = overrides.lookup(key);
      return setting == null ? null : new StoreSettings.Setting(setting.key(), setting.text(), setting.source());
    }, overrides.storeSettingNames(provider.name()));
    return open(store, provider, () -> {
      BucketStore opened = provider.open(settings);
      return new StoreBinding(opened, opened.bucket(guardName, config), policy);
    });
  }

  private static OnStoreFailure policy(String guardName, Overrides overrides) {
    GuardDeclaration.Override policy = setting(guardName, Overrides.ON_STORE_FAILURE, overrides);
    if (policy == null) {
      return OnStoreFailure.LOCAL;
    }
    try {
      return OnStoreFailure.parse(policy.key(), policy.text());
    } catch (ConfigurationException e) {
      throw new Unusable(e.attribute(), e.value(), e.getMessage() + " (" + policy.source() + ")", e);
    }
  }

  /** {@code warden.<guardName>.<key>}, else {@code warden.<key>}. */
  private static GuardDeclaration.Override setting(String guardName, String key, Overrides overrides) {
    GuardDeclaration.Override own = overrides.lookup("warden." + guardName + "." + key);
    return own != null ? own : overrides.lookup("warden." + key);
  }

  private static BucketStoreProvider provider(GuardDeclaration.Override store, String word, ClassLoader loader) {
    List<BucketStoreProvider> found = providers(store, loader);
    for (BucketStoreProvider provider : found) {
      if (provider.name().equalsIgnoreCase(word)) {
        return provider;
      }
    }
    String artifact = ARTIFACTS.get(word.toLowerCase(Locale.ROOT));
    throw new Unusable(store, "no store '" + word + "' found; "
        + (artifact != null ? "add " + artifact + " to the application"
            : found.isEmpty() ? "no store provider is on the class path" : "the stores found: " + names(found)), null);
  }

  private static List<BucketStoreProvider> providers(GuardDeclaration.Override store, ClassLoader loader) {
    SoftReference<List<BucketStoreProvider>> cached = PROVIDERS.get(loader);
    List<BucketStoreProvider> providers = cached == null ? null : cached.get();
    if (providers == null) { // loaded outside the map's lock: a race loads them twice, harmlessly
      List<BucketStoreProvider> loaded = new ArrayList<>();
      try {
        ServiceLoader.load(BucketStoreProvider.class, loader).forEach(loaded::add);
      } catch (ServiceConfigurationError | LinkageError e) {
        throw new Unusable(store, "cannot load the store providers: " + e, e);
      }
      providers = List.copyOf(loaded);
      PROVIDERS.put(loader, new SoftReference<>(providers));
    }
    return providers;
  }

  /**
   * {@code action}'s result: a provider's configuration error is told with the key that chose the
   * store, any other failure (a missing class of the provider's client, a defect) names the provider.
   */
  private static <T> T open(GuardDeclaration.Override store, BucketStoreProvider provider, Supplier<T> action) {
    try {
      return action.get();
    } catch (ConfigurationException e) {
      throw new Unusable(e.attribute(), e.value(),
          e.getMessage() + " (store chosen by " + store.key() + "=" + store.text() + ", " + store.source() + ")", e);
    } catch (RuntimeException | LinkageError e) {
      throw new Unusable(store, "store '" + provider.name() + "' (" + provider.getClass().getName()
          + ") cannot be opened: " + e, e);
    }
  }

  private static String names(List<BucketStoreProvider> providers) {
    List<String> names = new ArrayList<>();
    providers.forEach(provider -> names.add(provider.name()));
    return names.isEmpty() ? "(none found)" : String.join(", ", names);
  }

  /** A guard's store cannot be used; every call of its method fails with this. */
  public static final class Unusable extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    Unusable(String attribute, String value, String message, Throwable cause) {
      super(attribute, value, message);
      initCause(cause);
    }

    Unusable(GuardDeclaration.Override setting, String problem, Throwable cause) {
      this(setting.key(), setting.text(), "Invalid Warden setting " + setting.key() + "=" + setting.text()
          + " (" + setting.source() + "): " + problem, cause);
    }
  }
}
