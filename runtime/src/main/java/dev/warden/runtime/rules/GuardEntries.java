package dev.warden.runtime.rules;

import dev.warden.runtime.ConfigurationException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Guard entries: how the java agent's configuration names methods it guards, and the guards. An
 * entry is a properties key (the selector) and its value (the guards):
 *
 * <pre>
 * com.acme.sdk.Client#send(java.lang.String, int) = @Throttled(callsPerSecond=5, burst=10) @Breaker(failureThreshold=3)
 * com.acme.sdk.Client#fetch = @Retry(maxAttempts=4, retryOn={java.io.IOException}) @CountCalls
 * com.acme.sdk.Search = @Throttled(name="search-api", callsPerSecond=50)
 * </pre>
 *
 * <p>The selector is a binary class name, optionally {@code #method} (every overload declared in
 * the class) and optionally a parameter list of erased type names ({@code T...} is read as
 * {@code T[]}) that picks one overload. A guard is written as the annotation would be, with the
 * simple or the qualified annotation name; strings are quoted, a class list is {@code {a.B, c.D}}
 * or one class name (a {@code .class} suffix is ignored). Unwritten attributes take the
 * annotation's defaults, and every value has the type the annotation's attribute has, so that an
 * entry and the equivalent annotation declare equal guards. Keys starting with {@code warden.}
 * are overrides, not entries.
 *
 * <p>Every problem is a {@link ConfigurationException} naming the entry, its source and what is
 * wrong. Stateless; thread-safe. Not for application code.
 */
public final class GuardEntries {

  private GuardEntries() {}

  /**
   * Whether a key of a properties file is a guard entry's selector (rather than an override).
   *
   * @param key a properties key
   * @return {@code true} unless it starts with {@code warden.}
   */
  public static boolean isEntryKey(String key) {
    return !key.startsWith(Overrides.KEY_PREFIX);
  }

  /**
   * The entry a properties file holds as {@code key} and {@code value}. A properties key ends at
   * the first blank, so {@code C#m(java.lang.String, int) = @CountCalls} loads as key {@code
   * C#m(java.lang.String,} and value {@code int) = @CountCalls}: when the key leaves a {@code (}
   * open or the value starts with {@code (}, key and value are read as one entry.
   *
   * @param key the properties key
   * @param value its value
   * @param source where it was read, for messages and {@link GuardDeclaration#where()}
   * @return the entry
   * @throws ConfigurationException naming the entry, the source and the problem
   */
  public static GuardEntry parse(String key, String value, String source) {
    String k = key.trim();
    String v = value.trim();
    boolean split = k.indexOf('(') > k.indexOf(')') || v.startsWith("(");
    return parseLine(split ? k + " " + v : k + " = " + v, source);
  }

  /**
   * The entry written as one line, {@code <selector> = <guards>}, such as {@link GuardEntry#line()}.
   *
   * @param line the entry
   * @param source where it was read
   * @return the entry
   * @throws ConfigurationException naming the entry, the source and the problem
   */
  public static GuardEntry parseLine(String line, String source) {
    return new EntryParser(line.trim(), source).entry();
  }

  /**
   * The configured declarations that apply to {@code method}, per kind: its own entry's, else the
   * class-level entry's if that applies to the method (see {@link TypeLevel#choose}).
   *
   * @param method a method of the entries' class
   * @param own the method entry selecting it, or {@code null}
   * @param onType the class-level entry of its class, or {@code null}
   * @return the applicable declaration per kind; empty if none
   */
  public static Map<GuardKind, GuardDeclaration> applicable(MethodShape method, GuardEntry own, GuardEntry onType) {
    Map<GuardKind, GuardDeclaration> applicable = new EnumMap<>(GuardKind.class);
    for (GuardKind kind : GuardKind.values()) {
      GuardDeclaration chosen = TypeLevel.choose(
          own == null ? null : own.guards().get(kind), onType == null ? null : onType.guards().get(kind), method);
      if (chosen != null) {
        applicable.put(kind, chosen);
      }
    }
    return applicable;
  }
}
