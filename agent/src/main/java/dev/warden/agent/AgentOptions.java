package dev.warden.agent;

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
 *   <li>{@code verbose=true|false}: log each woven method to standard error (default false).
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
final class AgentOptions {

  private final List<String> packagePrefixes;
  private final boolean verbose;

  private AgentOptions(List<String> packagePrefixes, boolean verbose) {
    this.packagePrefixes = List.copyOf(packagePrefixes);
    this.verbose = verbose;
  }

  /**
   * Parses the option string ({@code null} or empty: defaults).
   *
   * @throws IllegalArgumentException naming the offending option
   */
  static AgentOptions parse(String options) {
    List<String> packages = new ArrayList<>();
    boolean verbose = false;
    if (options == null || options.isBlank()) {
      return new AgentOptions(packages, verbose);
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
        default:
          throw bad(options, "unknown option '" + key + "' (known: packages, verbose)");
      }
    }
    return new AgentOptions(packages, verbose);
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

  /** Whether each woven method is logged. */
  boolean verbose() {
    return verbose;
  }
}
