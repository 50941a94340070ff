package dev.warden.runtime.site;

import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardEntries;
import dev.warden.runtime.rules.GuardEntry;
import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.MethodShape;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods the java agent weaves because guard entries of its configuration select them (no
 * Warden annotation applies to them), with the text of those entries: a guard site of such a
 * method parses the same text with the same rules the agent checked it with, so both see the
 * same declarations. Keyed like {@link WovenMethods}: by class name, method name and descriptor,
 * so every loader's copy of a class is guarded alike. Only text crosses from the agent, because
 * the agent may call a copy of the runtime whose classes differ from its own.
 *
 * <p>Thread-safe: the agent registers a method before its class is defined, and the registration
 * happens-before any site creation that reads it. Not for application code.
 *
 * <p>Only the java agent calls this class, once per configured method it weaves:
 *
 * <pre>{@code
 * ConfiguredMethods.configure("com.acme.sdk.Client", "send", "(Ljava/lang/String;)V",
 *     "/etc/shop/guards.properties", "com.acme.sdk.Client#send = @Throttled(callsPerSecond=5)", null, null);
 * }</pre>
 */
public final class ConfiguredMethods {

  private static final Map<String, String[]> CONFIGURED = new ConcurrentHashMap<>();

  private ConfiguredMethods() {}

  /**
   * Called by the agent before it weaves a method that guard entries select.
   *
   * @param className binary class name, e.g. {@code com.acme.Foo$Inner}
   * @param methodName method name
   * @param descriptor JVM method descriptor, e.g. {@code (Ljava/lang/String;I)V}
   * @param ownSource where the method entry selecting it was read, or {@code null} if none does
   * @param ownEntry that entry's {@link GuardEntry#line()}, or {@code null}
   * @param typeSource where the class-level entry of its class was read, or {@code null} if none applies
   * @param typeEntry that entry's {@link GuardEntry#line()}, or {@code null}
   */
  public static void configure(String className, String methodName, String descriptor,
      String ownSource, String ownEntry, String typeSource, String typeEntry) {
    CONFIGURED.put(WovenMethods.key(className, methodName, descriptor),
        new String[] {ownSource, ownEntry, typeSource, typeEntry});
  }

  /**
   * The configured declarations that apply to {@code method}, parsed from the registered entries.
   *
   * @param method a method
   * @param shape its shape
   * @return the applicable declaration per kind; empty if the agent registered no entry for it
   * @throws dev.warden.runtime.ConfigurationException if a registered entry does not parse
   */
  static Map<GuardKind, GuardDeclaration> applicable(Method method, MethodShape shape) {
    String[] entries = CONFIGURED.isEmpty() ? null : CONFIGURED.get(WovenMethods.key(method));
    if (entries == null) {
      return Map.of();
    }
    return GuardEntries.applicable(shape, entry(entries[0], entries[1]), entry(entries[2], entries[3]));
  }

  private static GuardEntry entry(String source, String line) {
    return line == null ? null : GuardEntries.parseLine(line, source);
  }
}
