package dev.warden.runtime.rules;

import dev.warden.runtime.ConfigurationException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one guard entry written as {@code <selector> = <guards>} (the grammar is described in
 * {@link GuardEntries}), left to right, and throws at the first problem.
 *
 * <p>Not thread-safe: one instance per entry.
 */
final class EntryParser {

  private static final Set<String> PRIMITIVES =
      Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

  private final String text;
  private final String source;
  private int pos;

  EntryParser(String text, String source) {
    this.text = text;
    this.source = source;
  }

  GuardEntry entry() {
    rejectInvisibleCharacters();
    String className = name();
    if (className.isEmpty()) {
      throw fail(Messages.missingClassName());
    }
    if (!isBinaryName(className)) {
      throw fail(Messages.notClassName(className));
    }
    String methodName = null;
    List<String> parameterTypes = null;
    if (skip('#')) {
      methodName = methodName();
      if (skip('(')) {
        parameterTypes = parameterTypes(className);
      }
    }
    if (!skip('=') && !skip(':')) { // ':' as properties files allow, after a parameter list with a blank
      throw fail(Messages.expectedEquals(rest()));
    }
    blanks();
    String selector = GuardEntry.selector(className, methodName, parameterTypes);
    String guards = rest();
    Map<GuardKind, GuardDeclaration> declarations = guards(GuardEntry.where(selector, source));
    return new GuardEntry(className, methodName, parameterTypes, declarations, selector + " = " + guards, source);
  }

  private String methodName() {
    blanks();
    if (peek() == '<') {
      int end = text.indexOf('>', pos);
      String name = end < 0 ? word() : text.substring(pos, end + 1);
      throw fail(name.equals("<init>") || name.equals("<clinit>")
          ? Messages.constructor(name) : Messages.notMethodName(name));
    }
    String name = name();
    if (name.isEmpty()) {
      throw fail(Messages.missingMethodName());
    }
    if (!isIdentifier(name)) {
      throw fail(Messages.notMethodName(name));
    }
    return name;
  }

  /**
   * A character nobody sees (identifier-ignorable or a format character) would be part
   * of a name that then never matches. A UTF-8 byte order mark (bytes EF BB BF) reads as the
   * characters U+00EF U+00BB U+00BF, because {@code Properties.load} reads bytes as ISO-8859-1.
   */
  private void rejectInvisibleCharacters() {
    if (text.startsWith("\u00ef\u00bb\u00bf") || text.startsWith("\ufeff")) {
      throw fail(Messages.byteOrderMark());
    }
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      int c = text.codePointAt(i);
      if (Character.isIdentifierIgnorable(c) || Character.getType(c) == Character.FORMAT) {
        throw fail(Messages.invisibleCharacter(c, text.substring(0, i)));
      }
    }
  }

  /** After {@code (}: the types up to {@code )}, of a method of {@code className}. */
  private List<String> parameterTypes(String className) {
    List<String> types = new ArrayList<>();
    if (skip(')')) {
      return types;
    }
    while (true) {
      blanks();
      int start = pos;
      String type = name();
      if (type.isEmpty() && (atEnd() || peek() == ',' || peek() == ')')) {
        throw fail(atEnd() ? Messages.unclosedParameters() : Messages.missingParameterType());
      }
      StringBuilder dimensions = new StringBuilder();
      while (text.startsWith("[]", pos)) {
        dimensions.append("[]");
        pos += 2;
      }
      boolean varargs = text.startsWith("...", pos);
      if (varargs) {
        dimensions.append("[]");
        pos += 3;
      }
      if (!isType(type) || !(atEnd() || isBlank(peek()) || peek() == ',' || peek() == ')')) {
        pos = start;
        throw fail(Messages.notParameterType(word()));
      }
      requireBinaryName(type, className);
      types.add(type + dimensions);
      if (skip(')')) {
        return types;
      }
      if (varargs) {
        throw fail(Messages.varargsNotLast(type + "..."));
      }
      if (!skip(',')) { // "(int = @X" loads as key "(int" and value "@X"
        throw fail(atEnd() || peek() == '@' || peek() == '=' ? Messages.unclosedParameters()
            : Messages.notParameterType(word()));
      }
    }
  }

  /**
   * A parameter type written as Java source writes it, by its simple name or with a dot
   * before a nested class, would never match; where that is certain, it is an error naming what to
   * write. A simple name can be right only for a class in the default package, so only if the
   * selected class is in it too; a dot is certainly a nested class's after the name of the
   * selected class or a class enclosing it (Java forbids a package of a class's name), or after
   * the name of a JDK class.
   */
  private void requireBinaryName(String type, String className) {
    if (PRIMITIVES.contains(type)) {
      return;
    }
    List<String> parts = parts(type, '.');
    if (parts.size() == 1) {
      if (className.indexOf('.') >= 0) {
        String qualified = jdkClass("java.lang." + type) ? "java.lang." + type : null;
        throw fail(Messages.simpleParameterType(type, qualified, className));
      }
      return;
    }
    if (Character.isUpperCase(type.charAt(0)) && jdkClass("java.lang." + parts.get(0))) { // Thread.State
      parts.set(0, "java.lang." + parts.get(0));
    }
    for (int i = parts.size() - 1; i >= 1; i--) {
      String prefix = String.join(".", parts.subList(0, i));
      if (!Character.isUpperCase(prefix.charAt(prefix.lastIndexOf('.') + 1))) {
        continue; // not a class's name, by the naming convention: not worth a look-up
      }
      String enclosing = enclosingBinaryName(prefix, className);
      if (enclosing == null && jdkClass(prefix)) {
        enclosing = prefix;
      }
      if (enclosing != null) {
        String nested = String.join("$", parts.subList(i, parts.size()));
        throw fail(Messages.nestedParameterType(type, enclosing + "$" + nested));
      }
    }
  }

  /** The binary name of {@code className} or of a class enclosing it, if {@code dotted} names it with dots; else null. */
  private static String enclosingBinaryName(String dotted, String className) {
    for (String c = className; ; c = c.substring(0, c.lastIndexOf('$'))) {
      if (c.replace('$', '.').equals(dotted)) {
        return c;
      }
      if (c.lastIndexOf('$') < 0) {
        return null;
      }
    }
  }

  /** Whether the JDK has a public class of that binary name (looked up without initializing it). */
  private static boolean jdkClass(String name) {
    try {
      return Modifier.isPublic(Class.forName(name, false, ClassLoader.getPlatformClassLoader()).getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private Map<GuardKind, GuardDeclaration> guards(String where) {
    if (atEnd()) {
      throw fail(Messages.noGuards());
    }
    Map<GuardKind, GuardDeclaration> guards = new EnumMap<>(GuardKind.class);
    while (!atEnd()) {
      if (!skip('@')) {
        throw fail(Messages.expectedGuard(rest()));
      }
      GuardKind kind = kind(name());
      if (guards.containsKey(kind)) {
        throw fail(Messages.duplicateKind(kind));
      }
      guards.put(kind, GuardDeclaration.configured(kind, where, attributes(kind)));
      blanks();
    }
    return guards;
  }

  private GuardKind kind(String name) {
    List<String> known = new ArrayList<>();
    for (GuardKind kind : GuardKind.values()) {
      if (kind.annotation().getSimpleName().equals(name) || kind.annotationName().equals(name)) {
        return kind;
      }
      known.add(kind.display());
    }
    known.sort(null);
    throw fail(Messages.unknownKind(name, known));
  }

  /** The attribute values of one guard: those written, else the annotation's defaults. */
  private Map<String, Object> attributes(GuardKind kind) {
    AnnotationAttributes attributes = AnnotationAttributes.of(kind);
    Map<String, Object> written = new HashMap<>();
    if (skip('(') && !skip(')')) {
      while (true) {
        String attribute = name();
        if (attribute.isEmpty()) {
          throw fail(atEnd() ? Messages.unclosedAttributes(kind) : Messages.expectedAttribute(kind, rest()));
        }
        Class<?> type = attributes.type(attribute);
        if (type == null) {
          throw fail(Messages.unknownEntryAttribute(kind, attribute, attributes.names()));
        }
        if (written.containsKey(attribute)) {
          throw fail(Messages.duplicateAttribute(kind, attribute));
        }
        if (!skip('=')) {
          throw fail(Messages.expectedAttributeEquals(kind, attribute));
        }
        written.put(attribute, value(kind, attribute, type));
        if (skip(')')) {
          break;
        }
        if (!skip(',')) {
          throw fail(atEnd() ? Messages.unclosedAttributes(kind) : Messages.expectedComma(kind, rest()));
        }
      }
    }
    List<String> missing = attributes.missing(written);
    if (!missing.isEmpty()) {
      throw fail(Messages.missingAttributes(kind, missing));
    }
    return attributes.withDefaults(written);
  }

  /** A value as written: {@code "text"}, {@code {a.B, c.D}} or a word; converted to {@code type}. */
  private Object value(GuardKind kind, String attribute, Class<?> type) {
    blanks();
    char first = peek();
    String written;
    if (first == '"' || first == '{') {
      int end = text.indexOf(first == '"' ? '"' : '}', pos + 1);
      if (end < 0) {
        throw fail(Messages.unclosed(kind, attribute, first));
      }
      written = text.substring(pos, end + 1);
    } else {
      written = word();
      if (written.isEmpty()) {
        throw fail(Messages.missingValue(kind, attribute));
      }
    }
    pos += written.length();
    boolean enclosed = first == '"' || first == '{';
    String inner = enclosed ? written.substring(1, written.length() - 1) : written;
    String problem;
    if (type.isPrimitive()) {
      try {
        return AttributeText.parse(type, written);
      } catch (NumberFormatException e) {
        problem = Messages.notParsable(type);
      }
    } else if (type == String.class) {
      if (first == '"') {
        return inner;
      }
      problem = Messages.unquoted(attribute, inner);
    } else if (first == '"') { // a class array
      problem = Messages.notClassList();
    } else {
      return classNames(kind, attribute, written, inner);
    }
    throw fail(Messages.badEntryValue(kind, attribute, written, problem));
  }

  private List<String> classNames(GuardKind kind, String attribute, String written, String list) {
    List<String> names = new ArrayList<>();
    if (list.isBlank()) {
      return names;
    }
    for (String each : parts(list, ',')) {
      String name = each.strip();
      if (name.endsWith(".class")) {
        name = name.substring(0, name.length() - ".class".length());
      }
      if (!isBinaryName(name)) {
        throw fail(Messages.badEntryValue(kind, attribute, written, Messages.notClassName(each.strip())));
      }
      names.add(name);
    }
    return names;
  }

  /** Skips blanks, then {@code c} if it is next. */
  private boolean skip(char c) {
    blanks();
    if (peek() == c && !atEnd()) {
      pos++;
      return true;
    }
    return false;
  }

  private void blanks() {
    while (!atEnd() && isBlank(text.charAt(pos))) {
      pos++;
    }
  }

  /** Skips blanks, then reads a (possibly qualified) name, stopping before {@code ...}. */
  private String name() {
    blanks();
    int start = pos;
    while (!atEnd() && (Character.isJavaIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.')
        && !text.startsWith("...", pos)) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** The text from here up to a blank, {@code ,} or {@code )}; not consumed. */
  private String word() {
    int end = pos;
    while (end < text.length() && !isBlank(text.charAt(end)) && text.charAt(end) != ',' && text.charAt(end) != ')') {
      end++;
    }
    return text.substring(pos, end);
  }

  private String rest() {
    return text.substring(pos);
  }

  private char peek() {
    return atEnd() ? 0 : text.charAt(pos);
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private ConfigurationException fail(String problem) {
    return Messages.badEntry(text, source, problem);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  /** A primitive other than {@code void}, or a binary class name. */
  private static boolean isType(String name) {
    return PRIMITIVES.contains(name) || isBinaryName(name);
  }

  /** Identifiers separated by dots, e.g. {@code com.acme.Outer$Inner}. */
  private static boolean isBinaryName(String name) {
    for (String part : parts(name, '.')) {
      if (!isIdentifier(part)) {
        return false;
      }
    }
    return true;
  }

  /** {@code text} split at each {@code separator}, empty parts included. */
  private static List<String> parts(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int end = text.indexOf(separator); end >= 0; end = text.indexOf(separator, start)) {
      parts.add(text.substring(start, end));
      start = end + 1;
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Character.isJavaIdentifierPart(name.charAt(i))) {
        return false;
      }
    }
    return !PRIMITIVES.contains(name) && !name.equals("void");
  }
}
