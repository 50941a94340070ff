package dev.warden.runtime.rules;

/**
 * An attribute's scalar value written as text, in an override or a guard entry: parsed to exactly
 * the boxed type the annotation's attribute has, so that a written value equals the same value
 * read from an annotation. Numbers are plain decimals: ASCII digits, an optional leading {@code
 * -}, and for {@code double} a fraction and an exponent ({@code NaN} and {@code Infinity} are
 * left to the value rules); no {@code +}, type suffix, hexadecimal form or {@code _}.
 *
 * <p>Stateless; thread-safe.
 */
final class AttributeText {

  private AttributeText() {}

  /**
   * {@code text} as a value of the scalar attribute type {@code type}.
   *
   * @param type {@code double}, {@code int}, {@code long} or {@code boolean}
   * @param text the value as written, without surrounding blanks
   * @return a {@link Double}, {@link Integer}, {@link Long} or {@link Boolean}
   * @throws NumberFormatException if {@code text} is no such value ({@link Messages#notParsable} says what it should be)
   */
  static Object parse(Class<?> type, String text) {
    if (type == double.class) {
      return Double.valueOf(decimal(text, true));
    }
    if (type == int.class) {
      return Integer.valueOf(decimal(text, false));
    }
    if (type == long.class) {
      return Long.valueOf(decimal(text, false));
    }
    if (type == boolean.class) {
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.valueOf(text);
      }
      throw new NumberFormatException(text);
    }
    throw new IllegalArgumentException("not a scalar attribute type: " + type);
  }

  /**
   * {@code text} if it has only the characters of a plain decimal and does not start with {@code
   * +}; Java's parsing checks the rest.
   */
  private static String decimal(String text, boolean fraction) {
    if (fraction && (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity"))) {
      return text;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = c >= '0' && c <= '9' || c == '-' && i == 0
          || fraction && (c == '.' || c == 'e' || c == 'E' || (c == '-' || c == '+') && i > 0);
      if (!allowed) {
        throw new NumberFormatException(text);
      }
    }
    return text;
  }
}
