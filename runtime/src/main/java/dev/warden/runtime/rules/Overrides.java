package dev.warden.runtime.rules;

import dev.warden.runtime.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Configuration overrides: for a guard named {@code <name>}, the key {@code
 * warden.<name>.<attribute>} as a system property, else in the {@code warden.properties}
 * resource of a class loader; an override wins over the annotation. A key under a guard's name
 * whose attribute is unknown, a value that does not parse, and a resource that cannot be read
 * are {@link ConfigurationException}s naming the key (or the resource) and the value. Besides the
 * annotation's attributes, a {@code @Throttled} guard's name takes {@value #STORE} and {@value
 * #ON_STORE_FAILURE} (its shared store, read by the runtime); the keys {@code warden.<store>.*} of a
 * store ({@code redis}, or a word some {@code store} key names) are its settings, never a guard's
 * attributes, even if a guard has the store's name. Other keys are guard entries, which only the java agent applies, and only from the system class loader's
 * resource: those of another loader's resource are {@linkplain #unreadEntries() reported}.
 *
 * <p>Reads the resource once, when created; system properties are read as each name is looked
 * up. Not thread-safe: use one instance per check. Not for application code.
 */
public final class Overrides {

  /** The resource name of the overrides file. */
  public static final String RESOURCE = "warden.properties";
  /** The prefix of every override key. */
  static final String KEY_PREFIX = "warden.";
  /** The key under a {@code @Throttled} guard's name (or {@code warden.store}, for all) naming its store. */
  public static final String STORE = "store";
  /** The key under a {@code @Throttled} guard's name (or {@code warden.onStoreFailure}) naming its policy. */
  public static final String ON_STORE_FAILURE = "onStoreFailure";
  /** The store of {@code warden-redis}: {@code warden.redis.*} are its settings even if nothing uses it yet. */
  public static final String REDIS = "redis";
  private static final String SYSTEM = "system property";
  private static final List<String> KNOWN_KEYS = knownKeys();
  /** The files whose unread guard entries were reported; each is reported once per JVM. */
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
  /** How many unread entry keys a report names. */
  private static final int NAMED_ENTRIES = 3;

  private final Properties file;
  private final String fileLocation;
  private final ConfigurationException unreadable;
  /** The guard entry keys of a file the java agent does not read entries from, sorted; else empty. */
  private final List<String> unreadEntries;

  private Overrides(
      Properties file, String fileLocation, ConfigurationException unreadable, List<String> unreadEntries) {
    this.file = file;
    this.fileLocation = fileLocation;
    this.unreadable = unreadable;
    this.unreadEntries = unreadEntries;
  }

  /**
   * The overrides seen by classes of {@code loader} ({@code null}: the system class path). If the
   * resource cannot be read or parsed, every lookup throws a {@link ConfigurationException} naming
   * its URL and what is wrong.
   *
   * @param loader the class loader whose resource to read, or {@code null}
   * @return the overrides
   */
  public static Overrides read(ClassLoader loader) {
    URL url = loader == null ? ClassLoader.getSystemResource(RESOURCE) : loader.getResource(RESOURCE);
    Properties file = new Properties();
    ConfigurationException unreadable = null;
    if (url != null) {
      try (InputStream in = url.openStream()) {
        file.load(in);
      } catch (IOException | IllegalArgumentException e) {
        unreadable = Messages.unreadableOverrides(url.toString(), e);
      }
    }
    List<String> entries = new ArrayList<>();
    for (String key : file.stringPropertyNames()) {
      if (GuardEntries.isEntryKey(key)) {
        entries.add(key);
      }
    }
    if (!entries.isEmpty()) {
      URL system = loader == null ? url : ClassLoader.getSystemResource(RESOURCE);
      if (system != null && system.toString().equals(url.toString())) {
        entries.clear(); // the agent reads this file's entries
      }
      entries.sort(null);
    }
    return new Overrides(file, url == null ? RESOURCE : url.toString(), unreadable, entries);
  }

  /**
   * A warning if the file holds guard entries but is not the system class loader's
   * (e.g. a web application's {@code WEB-INF/classes} or Spring Boot's {@code BOOT-INF/classes}),
   * whose entries nobody applies: the java agent reads entries only from its {@code config=} file
   * and the system class loader's {@code warden.properties}. Only the first call for a file, of
   * any instance, returns the warning.
   *
   * @return the warning naming the file and its first entry keys, or {@code null}
   */
  public String unreadEntries() {
    if (unreadEntries.isEmpty() || !REPORTED.add(fileLocation)) {
      return null;
    }
    List<String> named = new ArrayList<>();
    for (String key : unreadEntries.subList(0, Math.min(NAMED_ENTRIES, unreadEntries.size()))) {
      int open = key.indexOf('(');
      // a key ends at a blank: "C#m(java.lang.String, int) = …" has the key "C#m(java.lang.String,"
      named.add(open >= 0 && key.indexOf(')') < 0 ? key.substring(0, open) + "(…)" : key);
    }
    int more = unreadEntries.size() - named.size();
    return "Warden overrides file " + fileLocation + " holds guard entries that are not applied ("
        + String.join(", ", named) + (more > 0 ? ", and " + more + " more" : "")
        + "): the java agent reads guard entries only from its config= file and from the warden.properties"
        + " of the system class loader; move them there";
  }

  /**
   * {@code declaration} with the overrides of guard {@code guardName} applied.
   *
   * @param declaration the declaration as written
   * @param guardName the name of the guard it creates
   * @return the declaration with every override of its attributes applied
   * @throws ConfigurationException if the resource cannot be read, a key of the name has an unknown
   *     attribute or a value does not parse
   */
  public GuardDeclaration apply(GuardDeclaration declaration, String guardName) {
    rejectUnknownAttributes(guardName);
    GuardDeclaration result = declaration;
    for (String attribute : declaration.kind().configAttributes()) {
      GuardDeclaration.Override source = find(guardName, attribute);
      if (source != null) {
        result = result.with(attribute, parse(attribute, declaration.kind().attributeType(attribute), source), source);
      }
    }
    return result;
  }

  /**
   * Checks that every key under {@code guardName} names a known attribute.
   *
   * @param guardName a guard name
   * @throws ConfigurationException if the resource cannot be read or a key under {@code guardName}
   *     names no attribute of any guard
   */
  public void rejectUnknownAttributes(String guardName) {
    if (unreadable != null) {
      ConfigurationException e =
          new ConfigurationException(unreadable.attribute(), unreadable.value(), unreadable.getMessage());
      e.initCause(unreadable.getCause());
      throw e;
    }
    reject(System.getProperties(), guardName, SYSTEM);
    reject(file, guardName, fileLocation);
  }

  /**
   * The value of a key, as a system property, else in the resource.
   *
   * @param key the full key, e.g. {@code warden.store}
   * @return where it is set and its value as written, or {@code null} if it is set nowhere
   */
  public GuardDeclaration.Override lookup(String key) {
    String value = System.getProperty(key);
    if (value != null) {
      return new GuardDeclaration.Override(key, value, SYSTEM);
    }
    value = file.getProperty(key);
    return value == null ? null : new GuardDeclaration.Override(key, value, fileLocation);
  }

  /**
   * The setting names configured for store {@code store}: the {@code warden.<store>.<name>} keys of
   * the system properties and the file, but for names with a dot (another guard's keys) and the
   * names of guard attributes (the keys of a guard named like the store).
   *
   * @param store the store's name, e.g. {@code redis}
   * @return the names, e.g. {@code uri}
   */
  public Set<String> storeSettingNames(String store) {
    String prefix = KEY_PREFIX + store + ".";
    Set<String> names = new TreeSet<>();
    for (Properties properties : List.of(System.getProperties(), file)) {
      for (String key : properties.stringPropertyNames()) {
        String name = key.startsWith(prefix) ? key.substring(prefix.length()) : null;
        if (name != null && name.indexOf('.') < 0 && !KNOWN_KEYS.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** Whether {@code name} is {@link #REDIS} or the value of some {@code store} key (ignoring case). */
  private boolean isStore(String name) {
    return REDIS.equalsIgnoreCase(name) || namesStore(System.getProperties(), name) || namesStore(file, name);
  }

  private static boolean namesStore(Properties properties, String name) {
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(KEY_PREFIX) && key.endsWith("." + STORE)
          && properties.getProperty(key).trim().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Warnings for overrides of {@code guardName} whose attribute no declaration of {@code method}
   * under that name has (e.g. {@code callsPerSecond} of a method with only {@code @Breaker}): such
   * a value would otherwise be silently unused. An attribute several kinds have ({@code
   * maxWaitMillis} of {@code @Throttled} and {@code @Bulkhead}) is used if any kind under the name
   * has it.
   *
   * @param guardName a guard name of the method
   * @param kindsUnderName the kinds the method declares under that name
   * @param method the method's display name, for the message
   * @return one message per unused override; empty if none
   */
  public List<String> ineffective(String guardName, Collection<GuardKind> kindsUnderName, String method) {
    Set<String> used = new HashSet<>();
    kindsUnderName.forEach(kind -> used.addAll(kind.overrideKeys()));
    List<String> warnings = new ArrayList<>();
    for (String attribute : KNOWN_KEYS) {
      GuardDeclaration.Override source = used.contains(attribute) ? null : find(guardName, attribute);
      if (source != null) {
        List<GuardKind> owners = new ArrayList<>();
        for (GuardKind kind : GuardKind.values()) {
          if (kind.overrideKeys().contains(attribute)) {
            owners.add(kind);
          }
        }
        warnings.add(Messages.ineffectiveOverride(source.key(), source.text(), method, owners, guardName));
      }
    }
    return warnings;
  }

  private GuardDeclaration.Override find(String guardName, String attribute) {
    return lookup(prefix(guardName) + attribute);
  }

  static Object parse(String attribute, Class<?> type, GuardDeclaration.Override source) {
    String text = source.text().trim();
    if (type.isPrimitive()) {
      try {
        return AttributeText.parse(type, text);
      } catch (NumberFormatException e) {
        throw Messages.badOverride(attribute, source, Messages.notParsable(type));
      }
    }
    List<String> names = new ArrayList<>();
    for (String name : text.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return names;
  }

  private void reject(Properties properties, String guardName, String source) {
    String prefix = prefix(guardName);
    for (String key : properties.stringPropertyNames()) {
      String attribute = key.startsWith(prefix) ? key.substring(prefix.length()) : null;
      // A remainder with a dot belongs to another guard whose name extends this one ("a" vs "a.b");
      // a guard named like a store shares its keys with the store's settings, which the store checks.
      if (attribute != null && attribute.indexOf('.') < 0 && !KNOWN_KEYS.contains(attribute) && !isStore(guardName)) {
        throw Messages.unknownAttribute(
            attribute, new GuardDeclaration.Override(key, properties.getProperty(key), source), KNOWN_KEYS);
      }
    }
  }

  private static String prefix(String guardName) {
    return KEY_PREFIX + guardName + ".";
  }

  private static List<String> knownKeys() {
    TreeSet<String> known = new TreeSet<>();
    for (GuardKind kind : GuardKind.values()) {
      known.addAll(kind.overrideKeys());
    }
    return List.copyOf(known);
  }
}
