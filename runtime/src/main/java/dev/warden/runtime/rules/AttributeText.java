package dev.warden.runtime.rules;

/**
 * An attribute's scalar value written as text, in an override or a guard entry: parsed to exactly
 * the boxed type the annotation's attribute has, so that a written value equals the same value
 * read from an annotation.
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
      return Double.valueOf(text);
    }
    if (type == int.class) {
      return Integer.valueOf(text);
    }
    if (type == long.class) {
      return Long.valueOf(text);
    }
    if (type == boolean.class) {
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.valueOf(text);
      }
      throw new NumberFormatException(text);
    }
    throw new IllegalArgumentException("not a scalar attribute type: " + type);
  }
}
