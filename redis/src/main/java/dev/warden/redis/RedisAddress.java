package dev.warden.redis;

import dev.warden.runtime.ConfigurationException;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * A validated {@code warden.redis.uri}: {@code redis://[[user]:password@]host[:port][/database]} or
 * the same with {@code rediss://} (TLS). Everything shown of it (messages, {@link #masked()}) has
 * the password replaced by {@code ****}.
 *
 * <p>Immutable; equal when configured with the same text.
 */
final class RedisAddress {

  private static final String FORM = "redis://[[user]:password@]host[:port][/database] or rediss://...";

  private final String uri;
  private final String masked;

  private RedisAddress(String uri) {
    this.uri = uri;
    this.masked = mask(uri);
  }

  /**
   * Checks a configured URI.
   *
   * @param key the configuration key, for the message
   * @param value the URI as configured, trimmed
   * @param source where it was configured, for the message
   * @return the address
   * @throws ConfigurationException naming the key and the masked value if it is not a Redis URI
   */
  static RedisAddress parse(String key, String value, String source) {
    RedisAddress address = new RedisAddress(value);
    String wrong = address.wrong();
    if (wrong != null) {
      throw new ConfigurationException(key, address.masked, key + " must be " + FORM + ", got '"
          + address.masked + "' (" + source + "): " + wrong);
    }
    return address;
  }

  /** {@return what is wrong with the URI, or {@code null} if nothing} */
  private String wrong() {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return "not a URI (" + e.getReason() + ")";
    }
    if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme())) {
      return "the scheme must be redis or rediss";
    }
    if (parsed.getHost() == null) {
      return "no host, or a port that is not a number";
    }
    if (parsed.getPort() == 0 || parsed.getPort() > 65535) {
      return "the port must be between 1 and 65535";
    }
    String path = parsed.getRawPath();
    if (path != null && !path.isEmpty() && !path.matches("/\\d{0,9}")) {
      return "the path must be empty or a database number";
    }
    if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
      return "no query or fragment is allowed";
    }
    try {
      RedisURI.create(uri);
    } catch (IllegalArgumentException e) {
      return "the Redis client refuses it";
    }
    return null;
  }

  /** {@return a new client URI with {@code timeout} as its command timeout} */
  RedisURI toClientUri(Duration timeout) {
    RedisURI client = RedisURI.create(uri);
    client.setTimeout(timeout);
    return client;
  }

  /** {@return the URI with any password replaced by {@code ****}} */
  String masked() {
    return masked;
  }

  /**
   * Replaces the password of {@code uri} by {@code ****}: everything between the user name (if
   * any) and the last {@code @}, even if the URI is malformed.
   *
   * @param uri any text
   * @return the text with the password masked
   */
  static String mask(String uri) {
    int scheme = uri.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = uri.lastIndexOf('@');
    if (at < start) {
      return uri;
    }
    int colon = uri.indexOf(':', start);
    int userEnd = colon >= 0 && colon < at ? colon + 1 : start;
    return uri.substring(0, userEnd) + "****" + uri.substring(at);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RedisAddress address && address.uri.equals(uri);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public String toString() {
    return masked;
  }
}
