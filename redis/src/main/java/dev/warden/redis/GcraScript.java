package dev.warden.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bucket script ({@code gcra.lua}): its source, the SHA-1 digest {@code EVALSHA} names it by,
 * and the meaning of its arguments.
 *
 * <p>Immutable.
 */
final class GcraScript {

  /** What a call of the script does. */
  enum Mode {
    /** Reserve the next permit if due within the wait; reply: the wait, or -1. */
    RESERVE("reserve"),
    /** Read the slack of the bucket without changing it; reply: the slack, or -1. */
    PEEK("peek"),
    /** As {@link #RESERVE}, replying also the server time of the decision (for tests). */
    TRACE("trace"),
    /**
     * Take up to the lease size of permits available now at once, else reserve one as {@link
     * #RESERVE}; reply: {the wait or -1, the permits taken, the server time of the decision}.
     */
    LEASE("lease");

    final String word;

    Mode(String word) {
      this.word = word;
    }
  }

  /** The largest lease the script's arithmetic keeps exact. */
  static final long MAX_LEASE = 1_000_000;

  static final String SOURCE = source();
  static final String SHA1 = sha1(SOURCE);

  private GcraScript() {}

  /**
   * The script's arguments.
   *
   * @param intervalNanos the emission interval
   * @param toleranceNanos {@code (burst - 1) * intervalNanos}
   * @param maxWaitNanos the longest acceptable wait
   * @param mode what the call does
   * @param lease the most permits a {@link Mode#LEASE} call takes, 1 to {@link #MAX_LEASE}
   * @return ARGV
   */
  static String[] args(String intervalNanos, String toleranceNanos, long maxWaitNanos, Mode mode, long lease) {
    return new String[] {intervalNanos, toleranceNanos, Long.toString(maxWaitNanos), mode.word, Long.toString(lease)};
  }

  private static String source() {
    try (InputStream in = GcraScript.class.getResourceAsStream("gcra.lua")) {
      if (in == null) {
        throw new IllegalStateException("dev/warden/redis/gcra.lua is missing from warden-redis");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read dev/warden/redis/gcra.lua", e);
    }
  }

  private static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
