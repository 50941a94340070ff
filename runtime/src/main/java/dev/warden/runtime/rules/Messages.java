package dev.warden.runtime.rules;

import dev.warden.runtime.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/** Every message of the rules, for all modes. Stateless; thread-safe. */
final class Messages {

  private Messages() {}

  /** An attribute value the rules reject; names the override instead if the value came from one. */
  static ConfigurationException badValue(GuardDeclaration d, ConfigurationException e) {
    GuardDeclaration.Override source = d.overridden().get(e.attribute());
    if (source != null) {
      return badOverride(e.attribute(), source, e.getMessage());
    }
    // the value may be invalid only next to an overridden one (maxDelayMillis below delayMillis)
    StringBuilder overrides = new StringBuilder();
    for (GuardDeclaration.Override o : d.overridden().values()) {
      overrides.append(overrides.length() == 0 ? "; the overrides applied: " : ", ")
          .append(o.key()).append('=').append(o.text()).append(" (").append(o.source()).append(')');
    }
    return new ConfigurationException(e.attribute(), e.value(),
        "Invalid " + d.kind().display() + "(" + e.attribute() + "=" + e.value() + ") on " + d.where() + ": "
            + e.getMessage() + overrides);
  }

  static ConfigurationException badOverride(String attribute, GuardDeclaration.Override o, String problem) {
    return new ConfigurationException(attribute, o.text(),
        "Invalid Warden override " + o.key() + "=" + o.text() + " (" + o.source() + "): " + problem);
  }

  static String notParsable(Class<?> type) {
    if (type == boolean.class) {
      return "not a boolean (true or false)";
    }
    return type == double.class ? "not a number" : "not an integer (" + type.getName() + ")";
  }

  static String classNotFound(String name) {
    return "class " + name + " not found";
  }

  static String notThrowable(String name) {
    return name + " is not a Throwable";
  }

  static ConfigurationException unknownAttribute(
      String attribute, GuardDeclaration.Override o, List<String> known) {
    return badOverride(attribute, o, "unknown attribute '" + attribute + "'; known: " + known);
  }

  static ConfigurationException unreadableOverrides(String location, Exception cause) {
    ConfigurationException e = new ConfigurationException(Overrides.RESOURCE, location,
        "Invalid Warden overrides file " + location + ": " + cause.getMessage()
            + " (fix or remove the file; every guarded method loaded through it fails until then)");
    e.initCause(cause);
    return e;
  }

  static String ineffectiveOverride(
      String key, String text, String method, List<GuardKind> kinds, String guardName) {
    List<String> displays = new ArrayList<>();
    kinds.forEach(kind -> displays.add(kind.display()));
    return "Warden override " + key + "=" + text + " has no effect on " + method + ": it declares no "
        + String.join(" or ", displays) + " guard named '" + guardName + "'";
  }

  private static String fallbackPrefix(GuardDeclaration d, MethodShape guarded) {
    return "Invalid " + d.kind().display() + "(fallback=\"" + d.fallback() + "\") on " + guarded.display() + ": ";
  }

  private static ConfigurationException fallbackError(GuardDeclaration d, MethodShape guarded, String problem) {
    return new ConfigurationException("fallback", d.fallback(), fallbackPrefix(d, guarded) + problem);
  }

  static ConfigurationException noFallback(GuardDeclaration d, MethodShape guarded) {
    return fallbackError(d, guarded, "no method " + d.fallback() + guarded.parameterList()
        + " (optionally with a trailing parameter that accepts " + d.kind().rejection().getSimpleName() + ") in "
        + guarded.declaringType());
  }

  static ConfigurationException fallbackReturn(GuardDeclaration d, MethodShape guarded, MethodShape fallback) {
    return fallbackError(d, guarded, "fallback " + fallback.name() + " returns " + fallback.returnType()
        + ", which is not assignable to " + guarded.returnType());
  }

  static ConfigurationException fallbackNotStatic(GuardDeclaration d, MethodShape guarded) {
    return fallbackError(d, guarded,
        "the guarded method is static, so fallback " + d.fallback() + " must be static");
  }

  static ConfigurationException fallbackInaccessible(GuardDeclaration d, MethodShape guarded, String detail) {
    return fallbackError(d, guarded, "fallback " + d.fallback() + " is not accessible: " + detail);
  }

  static ConfigurationException asyncReturn(String method, String returnType) {
    return new ConfigurationException("returnType", returnType,
        "Invalid return type of " + method + ": " + returnType
            + " is a CompletionStage Warden cannot create; a guarded method may return CompletionStage,"
            + " CompletableFuture or a non-abstract subclass of CompletableFuture with a public no-argument"
            + " constructor");
  }

  static String sharedNameConflict(
      GuardKind kind, String name, String method, String firstMethod, List<String> differences) {
    return kind.display() + "(name=\"" + name + "\") on " + method + " shares its guard with " + firstMethod
        + " but has a different configuration (" + String.join(", ", differences)
        + "): declarations sharing a name must agree";
  }
}
