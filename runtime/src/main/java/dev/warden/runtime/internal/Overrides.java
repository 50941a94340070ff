package dev.warden.runtime.internal;

import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Configuration overrides of one guard name: system property {@code warden.<name>.<attribute>},
 * then the {@code warden.properties} resource of the declaring class's loader. Read once, when a
 * guard is created; a key naming an unknown attribute is an error.
 *
 * <p>Immutable after creation; thread-safe.
 */
final class Overrides {

  static final String RESOURCE = "warden.properties";
  private static final System.Logger LOG = System.getLogger("dev.warden");
  private static final Set<String> KNOWN_ATTRIBUTES = knownAttributes();

  private final String prefix;
  private final Properties system;
  private final Properties file;
  private final String fileLocation;

  private Overrides(String guardName, Properties system, Properties file, String fileLocation) {
    this.prefix = "warden." + guardName + ".";
    this.system = system;
    this.file = file;
    this.fileLocation = fileLocation;
    rejectUnknownAttributes(system, "system property");
    rejectUnknownAttributes(file, fileLocation);
  }

  /** The overrides of {@code guardName}, with {@code warden.properties} looked up through {@code loader}. */
  static Overrides load(String guardName, ClassLoader loader) {
    URL url =
        loader == null ? ClassLoader.getSystemResource(RESOURCE) : loader.getResource(RESOURCE);
    Properties file = new Properties();
    if (url != null) {
      try (InputStream in = url.openStream()) {
        file.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + url, e);
      }
    }
    return new Overrides(
        guardName, System.getProperties(), file, url == null ? RESOURCE : url.toString());
  }

  /** Whether {@code attribute} is overridden. */
  boolean has(String attribute) {
    return raw(attribute) != null;
  }

  double doubleValue(String attribute, double declared) {
    return parsed(attribute, declared, Double::valueOf, "not a number");
  }

  int intValue(String attribute, int declared) {
    return parsed(attribute, declared, Integer::valueOf, "not an integer (int)");
  }

  long longValue(String attribute, long declared) {
    return parsed(attribute, declared, Long::valueOf, "not an integer (long)");
  }

  private <T> T parsed(String attribute, T declared, Function<String, T> parser, String problem) {
    String text = raw(attribute);
    if (text == null) {
      return declared;
    }
    try {
      return parser.apply(text.trim());
    } catch (NumberFormatException e) {
      throw invalid(attribute, text, problem);
    }
  }

  /** A comma-separated list of throwable class names, loaded through {@code loader}. */
  List<Class<? extends Throwable>> throwableTypes(
      String attribute, List<Class<? extends Throwable>> declared, ClassLoader loader) {
    String text = raw(attribute);
    if (text == null) {
      return declared;
    }
    List<Class<? extends Throwable>> types = new ArrayList<>();
    for (String className : text.split(",")) {
      String trimmed = className.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      Class<?> type;
      try {
        type = Class.forName(trimmed, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw invalid(attribute, text, "class " + trimmed + " not found");
      }
      if (!Throwable.class.isAssignableFrom(type)) {
        throw invalid(attribute, text, trimmed + " is not a Throwable");
      }
      types.add(type.asSubclass(Throwable.class));
    }
    return types;
  }

  /**
   * Rewrites a validation error of an overridden attribute so that it names the key, the value
   * and where it came from; returns {@code null} if the attribute is not overridden.
   */
  ConfigurationException explain(ConfigurationException error) {
    String text = raw(error.attribute());
    return text == null ? null : invalid(error.attribute(), text, error.getMessage());
  }

  /** Logs a warning for each of {@code attributes} that is overridden, saying it has no effect on {@code method}. */
  void warnIfPresent(List<String> attributes, String method, String kind, String guardName) {
    for (String attribute : attributes) {
      String text = raw(attribute);
      if (text != null) {
        LOG.log(System.Logger.Level.WARNING,
            "Warden override {0}{1}={2} has no effect on {3}: it declares no {4} guard named ''{5}''",
            prefix, attribute, text, method, kind, guardName);
      }
    }
  }

  private ConfigurationException invalid(String attribute, String text, String problem) {
    String key = prefix + attribute;
    String source = system.getProperty(key) != null ? "system property" : fileLocation;
    return new ConfigurationException(
        attribute, text, "Invalid Warden override " + key + "=" + text + " (" + source + "): " + problem);
  }

  private String raw(String attribute) {
    String key = prefix + attribute;
    String value = system.getProperty(key);
    return value != null ? value : file.getProperty(key);
  }

  private void rejectUnknownAttributes(Properties properties, String source) {
    for (String key : properties.stringPropertyNames()) {
      String attribute = key.startsWith(prefix) ? key.substring(prefix.length()) : null;
      // A remainder with a dot belongs to another guard whose name extends this one ("a" vs "a.b").
      if (attribute != null && attribute.indexOf('.') < 0 && !KNOWN_ATTRIBUTES.contains(attribute)) {
        String value = properties.getProperty(key);
        throw new ConfigurationException(
            attribute,
            value,
            "Invalid Warden override " + key + "=" + value + " (" + source + "): unknown attribute '"
                + attribute + "'; known: " + KNOWN_ATTRIBUTES);
      }
    }
  }

  private static Set<String> knownAttributes() {
    Set<String> known = new TreeSet<>(RateLimiterConfig.ATTRIBUTES);
    known.addAll(CircuitBreakerConfig.ATTRIBUTES);
    return Set.copyOf(known);
  }
}
