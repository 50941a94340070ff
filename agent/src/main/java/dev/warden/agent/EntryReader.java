package dev.warden.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads a properties file keeping every key-value pair in file order, repeated keys included:
 * {@link Properties#load(InputStream)} hands each pair to {@link #put} as it reads it, and this
 * reader records them there instead of letting a later pair silently replace an earlier one. So
 * comments, escapes and continuation lines behave as in every properties file.
 *
 * <p>Not thread-safe: one reader per file, used by one thread.
 */
final class EntryReader extends Properties {

  private static final long serialVersionUID = 1L;

  /** A key and its value, as {@link Properties#load(InputStream)} read them. */
  record Pair(String key, String value) {}

  private final transient List<Pair> pairs = new ArrayList<>();

  private EntryReader() {}

  /**
   * The pairs of the properties text {@code in}, in file order.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is malformed (a bad {@code \\u} escape)
   */
  static List<Pair> read(InputStream in) throws IOException {
    EntryReader reader = new EntryReader();
    reader.load(in);
    return reader.pairs;
  }

  @Override
  public synchronized Object put(Object key, Object value) {
    pairs.add(new Pair((String) key, (String) value));
    return super.put(key, value);
  }
}
