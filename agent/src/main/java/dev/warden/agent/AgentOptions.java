package dev.warden.agent;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, from {@code -javaagent:warden-agent.jar=<options>}: comma-separated
 * {@code key=value} pairs.
 *
 * <ul>
 *   <li>{@code packages=<prefix>[,<prefix>...]}: weave only classes in these packages and their
 *       subpackages (default: every package). A fragment without {@code =} that follows
 *       {@code packages=} is one more prefix, so {@code packages=com.acme,org.shop,verbose=true}
 *       selects two packages.
 *   <li>{@code verbose=true|false}: log each woven method, and each guard entry as it is skipped,
 *       to standard error (default false).
 *   <li>{@code config=<file>}: a file of guard entries (see {@link ConfiguredClasses}); it must be
 *       a readable file, given once. Its path cannot contain a comma.
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
final class AgentOptions {

  private final List<String> packagePrefixes;
  private final boolean verbose;
  private final Path config;

  private AgentOptions(List<String> packagePrefixes, boolean verbose, Path config) {
    this.packagePrefixes = List.copyOf(packagePrefixes);
    this.verbose = verbose;
    this.config = config;
  }

  /**
   * Parses the option string ({@code null} or empty: defaults).
   *
   * @throws IllegalArgumentException naming the offending option
   */
  static AgentOptions parse(String options) {
    List<String> packages = new ArrayList<>();
    boolean verbose = false;
    Path config = null;
    if (options == null || options.isBlank()) {
      return new AgentOptions(packages, verbose, config);
    }
    boolean inPackages = false;
    for (String fragment : options.split(",", -1)) {
      String part = fragment.trim();
      int eq = part.indexOf('=');
      if (eq < 0) {
        if (!inPackages) {
          throw bad(options, "'" + part + "' is not key=value");
        }
        packages.add(packagePrefix(options, part));
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      inPackages = false;
      switch (key) {
        case "packages":
          packages.add(packagePrefix(options, value));
          inPackages = true;
          break;
        case "verbose":
          if (!value.equals("true") && !value.equals("false")) {
            throw bad(options, "verbose must be true or false, got '" + value + "'");
          }
          verbose = Boolean.parseBoolean(value);
          break;
        case "config":
          if (config != null) {
            throw bad(options, "config is given twice");
          }
          config = configFile(options, value);
          break;
        default:
          throw bad(options, "unknown option '" + key + "' (known: packages, verbose, config)");
      }
    }
    return new AgentOptions(packages, verbose, config);
  }

  private static Path configFile(String options, String file) {
    if (file.isEmpty()) {
      throw bad(options, "config needs a file name");
    }
    Path path;
    try {
      path = Path.of(file).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw bad(options, "config file '" + file + "' is not a path: " + e.getMessage());
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw bad(options, "config file " + path + " is not a readable file");
    }
    return path;
  }

  private static String packagePrefix(String options, String prefix) {
    String trimmed = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (trimmed.isEmpty()) {
      throw bad(options, "packages needs a package name, got '" + prefix + "'");
    }
    for (String part : trimmed.split("\\.", -1)) {
      if (!isIdentifier(part)) {
        throw bad(options, "packages entry '" + prefix + "' is not a package name");
      }
    }
    return trimmed;
  }

  private static boolean isIdentifier(String part) {
    if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
      return false;
    }
    for (int i = 1; i < part.length(); i++) {
      if (!Character.isJavaIdentifierPart(part.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException bad(String options, String problem) {
    return new IllegalArgumentException(
        "Invalid warden-agent option: " + problem + " in '" + options + "'");
  }

  /** The package prefixes to weave, as internal names ending in {@code /}; empty means all. */
  List<String> internalPackagePrefixes() {
    List<String> internal = new ArrayList<>();
    for (String prefix : packagePrefixes) {
      internal.add(prefix.replace('.', '/') + '/');
    }
    return internal;
  }

  /** Whether each woven method, and each skipped guard entry, is logged. */
  boolean verbose() {
    return verbose;
  }

  /** The file of guard entries, as an absolute path, or {@code null} if none is given. */
  Path config() {
    return config;
  }

  /** Whether the class of binary name {@code className} lies in the selected packages. */
  boolean selects(String className) {
    if (packagePrefixes.isEmpty()) {
      return true;
    }
    for (String prefix : packagePrefixes) {
      if (className.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  /** The selected packages as the option writes them, e.g. {@code packages=com.acme,org.shop}. */
  String packagesOption() {
    return "packages=" + String.join(",", packagePrefixes);
  }
}
