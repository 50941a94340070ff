package dev.warden.runtime.store;

import dev.warden.runtime.ConfigurationException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The settings of one store, {@code warden.<store>.<setting>}: a system property, else the {@code
 * warden.properties} of the guarded method's class loader.
 *
 * <p>Immutable; thread-safe.
 */
public final class StoreSettings {

  /**
   * One setting as configured.
   *
   * @param key the full key, e.g. {@code warden.redis.uri}
   * @param value the value as written
   * @param source where it was read: {@code system property} or the file's URL
   */
  public record Setting(String key, String value, String source) {}

  private final String store;
  private final Function<String, Setting> lookup;
  private final Set<String> names;

  private StoreSettings(String store, Function<String, Setting> lookup, Set<String> names) {
    this.store = Objects.requireNonNull(store, "store");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.names = new TreeSet<>(names);
  }

  /**
   * Settings read through {@code lookup}, which maps a full key to its setting or {@code null}.
   *
   * @param store the store's name, e.g. {@code redis}
   * @param lookup the configuration
   * @param names the names of every configured setting, e.g. {@code uri} for {@code
   *     warden.redis.uri}, so that a provider can refuse a name it does not know
   * @return the settings
   */
  public static StoreSettings of(String store, Function<String, Setting> lookup, Set<String> names) {
    return new StoreSettings(store, lookup, names);
  }

  /**
   * Fixed settings (tests, programmatic use): {@code values} maps a setting's name without the
   * prefix, e.g. {@code uri}, to its value.
   *
   * @param store the store's name, e.g. {@code redis}
   * @param values the settings
   * @return the settings
   */
  public static StoreSettings of(String store, Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    String prefix = "warden." + store + ".";
    return new StoreSettings(store, key -> {
      String value = key.startsWith(prefix) ? copy.get(key.substring(prefix.length())) : null;
      return value == null ? null : new Setting(key, value, "settings");
    }, copy.keySet());
  }

  /** {@return the store's name, e.g. {@code redis}} */
  public String store() {
    return store;
  }

  /**
   * {@return the setting {@code warden.<store>.<name>}, or {@code null} if it is not configured}
   *
   * @param name the setting's name, e.g. {@code uri}
   */
  public Setting get(String name) {
    return lookup.apply(key(name));
  }

  /**
   * The value of a setting that must be configured.
   *
   * @param name the setting's name, e.g. {@code uri}
   * @return its value, trimmed
   * @throws ConfigurationException naming the key if it is not configured or blank
   */
  public String require(String name) {
    Setting setting = get(name);
    if (setting == null || setting.value().isBlank()) {
      throw new ConfigurationException(key(name), setting == null ? "" : setting.value(),
          key(name) + " must be set to use store '" + store + "'"
              + (setting == null ? "" : " (it is blank in " + setting.source() + ")"));
    }
    return setting.value().trim();
  }

  /**
   * A positive number of milliseconds.
   *
   * @param name the setting's name, e.g. {@code timeoutMillis}
   * @param defaultValue the value if it is not configured
   * @return the value
   * @throws ConfigurationException naming the key, the value and its source if it is not a whole
   *     number of milliseconds {@code >= 1}
   */
  public long millis(String name, long defaultValue) {
    Setting setting = get(name);
    if (setting == null) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(setting.value().trim());
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value < 1) {
      throw new ConfigurationException(setting.key(), setting.value(), setting.key()
          + " must be a whole number of milliseconds >= 1, got '" + setting.value() + "' (" + setting.source() + ")");
    }
    return value;
  }

  /** {@return the names of every configured setting, sorted, e.g. {@code [timeoutMillis, uri]}} */
  public Set<String> names() {
    return Collections.unmodifiableSet(names);
  }

  /**
   * Refuses a configured setting whose name the store does not know (a misspelling would otherwise
   * be ignored silently).
   *
   * @param known the names the store reads
   * @throws ConfigurationException naming the first unknown key, its source and the known names;
   *     its value is neither in the message nor in {@link ConfigurationException#value()} (it may
   *     hold a password)
   */
  public void requireKnown(Set<String> known) {
    for (String name : names) {
      if (!known.contains(name)) {
        Setting setting = get(name);
        // the value is neither shown nor kept: a misspelled URI key may hold a password
        throw new ConfigurationException(key(name), "****", "Unknown Warden setting " + key(name)
            + (setting == null ? "" : " (" + setting.source() + ")") + ": store '" + store + "' reads only "
            + new TreeSet<>(known).stream().map(this::key).collect(Collectors.joining(", ")));
      }
    }
  }

  private String key(String name) {
    return "warden." + store + "." + name;
  }

  @Override
  public String toString() {
    return "StoreSettings[" + store + "]";
  }
}
