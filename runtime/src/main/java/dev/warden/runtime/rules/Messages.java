package dev.warden.runtime.rules;

import dev.warden.runtime.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
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

  /** A run-time change no guard of the name can take; says what they do take. */
  static ConfigurationException notReconfigurable(
      String attribute, GuardDeclaration.Override o, String guardName, Collection<GuardKind> kinds) {
    boolean declared = false;
    List<String> taken = new ArrayList<>();
    for (GuardKind kind : GuardKind.values()) {
      declared |= kind.overrideKeys().contains(attribute);
      if (kinds.contains(kind) && !ConfigChange.attributes(kind).isEmpty()) {
        taken.add(kind.display() + " " + String.join(", ", ConfigChange.attributes(kind)));
      }
    }
    String problem = ConfigChange.attributesOfAnyKind().contains(attribute)
        ? "the guards named '" + guardName + "' have no " + attribute
        : declared ? attribute + " cannot change at run time, only numbers can (set it in the annotation or as an"
            + " override, and restart)"
        : "unknown attribute '" + attribute + "'";
    return badOverride(attribute, o, problem + "; " + (taken.isEmpty()
        ? "the guards named '" + guardName + "' have no number that can change"
        : "what can change: " + String.join("; ", taken)));
  }

  /** A run-time change of the rate or burst of a limiter whose bucket is in a shared store. */
  static ConfigurationException sharedBucketFixed(
      String attribute, GuardDeclaration.Override o, String guardName, String store) {
    return badOverride(attribute, o, "rate limiter '" + guardName + "' keeps its bucket in the shared store " + store
        + ", whose rate and burst every process bound to it shares; only its maxWaitMillis can change at run time");
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

  /** A guard entry's fallback problem names the entry and its file, as its value problems do. */
  private static String fallbackPrefix(GuardDeclaration d, MethodShape guarded) {
    String on = d.configured() ? d.where() : guarded.display();
    return "Invalid " + d.kind().display() + "(fallback=\"" + d.fallback() + "\") on " + on + ": ";
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

  static String classList(List<String> names) {
    return "{" + String.join(", ", names) + "}";
  }

  // Guard entries: "Invalid guard entry '<entry>' (<source>): <problem>"

  static ConfigurationException badEntry(String entry, String source, String problem) {
    return new ConfigurationException("entry", entry, "Invalid guard entry '" + entry + "' (" + source + "): " + problem);
  }

  static String missingClassName() {
    return "the class name is missing; write <class>[#<method>[(<parameter types>)]] = <guards>";
  }

  static String notClassName(String name) {
    return "'" + name + "' is not a binary class name (e.g. com.acme.Client or com.acme.Outer$Inner)";
  }

  static String missingMethodName() {
    return "the method name after '#' is missing";
  }

  static String notMethodName(String name) {
    return "'" + name + "' is not a method name";
  }

  static String constructor(String name) {
    return name + ": constructors and initializers cannot be guarded";
  }

  static String missingParameterType() {
    return "a parameter type is missing in the parameter list";
  }

  static String notParameterType(String type) {
    return "'" + type + "' is not a parameter type (write a primitive, an erased binary class name such as"
        + " java.util.List, T[] or T...)";
  }

  static String simpleParameterType(String type, String javaLang, String className) {
    if (javaLang != null) {
      return "'" + type + "' is not a binary class name; write " + javaLang;
    }
    int dot = className.lastIndexOf('.');
    return "'" + type + "' is not a binary class name; write it with its package, e.g. "
        + className.substring(0, dot + 1) + type + ", or " + className + "$" + type + " for a class nested in "
        + className;
  }

  static String nestedParameterType(String type, String binaryName) {
    return "'" + type + "' is not a binary class name; write " + binaryName;
  }

  static String invisibleCharacter(int codePoint, String before) {
    String hex = Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT);
    String problem = "invisible character U+" + "0000".substring(Math.min(4, hex.length())) + hex
        + (before.isEmpty() ? " at the start" : " after '" + before + "'") + "; delete it";
    return codePoint >= 0x80 && codePoint <= 0x9F // a byte of a UTF-8 character, read as ISO-8859-1
        ? problem + " (the file is read as ISO-8859-1: write other characters as \\uXXXX escapes)" : problem;
  }

  static String byteOrderMark() {
    return "it starts with a UTF-8 byte order mark; save the file without one, as ISO-8859-1 or ASCII"
        + " (write other characters as \\uXXXX escapes)";
  }

  static String varargsNotLast(String type) {
    return "only the last parameter can be written " + type;
  }

  static String unclosedParameters() {
    return "unclosed '(' in the parameter list";
  }

  static String expectedEquals(String found) {
    if (found.isEmpty()) {
      return "no '=' between the selector and the guards";
    }
    return found.charAt(0) == ')' ? "unbalanced ')' in the selector"
        : "expected '=' after the selector, found '" + found + "'";
  }

  static String noGuards() {
    return "no guards after '='; write at least one, e.g. @Throttled(callsPerSecond=5)";
  }

  static String expectedGuard(String found) {
    return "expected a guard such as @Throttled(callsPerSecond=5) at '" + found + "'";
  }

  static String unknownKind(String name, List<String> known) {
    return "unknown guard @" + name + "; known: " + String.join(", ", known);
  }

  static String duplicateKind(GuardKind kind) {
    return kind.display() + " appears twice; write each guard once per entry";
  }

  static String unknownEntryAttribute(GuardKind kind, String attribute, List<String> known) {
    return kind.display() + " has no attribute '" + attribute + "'; known: " + String.join(", ", known);
  }

  static String duplicateAttribute(GuardKind kind, String attribute) {
    return kind.display() + " sets " + attribute + " twice";
  }

  static String missingAttributes(GuardKind kind, List<String> attributes) {
    return kind.display() + " needs " + String.join(" and ", attributes);
  }

  static String expectedAttribute(GuardKind kind, String found) {
    return kind.display() + ": expected an attribute name at '" + found + "'";
  }

  static String expectedAttributeEquals(GuardKind kind, String attribute) {
    return kind.display() + ": expected '=' after " + attribute;
  }

  static String missingValue(GuardKind kind, String attribute) {
    return kind.display() + "(" + attribute + "=): the value is missing";
  }

  static String unclosed(GuardKind kind, String attribute, char open) {
    return kind.display() + "(" + attribute + "=" + open + "…): unclosed '" + open + "'";
  }

  static String unclosedAttributes(GuardKind kind) {
    return "unclosed '(' after " + kind.display();
  }

  static String expectedComma(GuardKind kind, String found) {
    return kind.display() + ": expected ',' or ')' at '" + found + "'";
  }

  static String badEntryValue(GuardKind kind, String attribute, String text, String problem) {
    return kind.display() + "(" + attribute + "=" + text + "): " + problem;
  }

  static String unquoted(String attribute, String text) {
    return "text must be quoted: " + attribute + "=\"" + text + "\"";
  }

  static String notClassList() {
    return "a list of classes is written {com.acme.A, com.acme.B}, or as one class name, without quotes";
  }
}
