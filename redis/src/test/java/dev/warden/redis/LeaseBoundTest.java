package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bound of lease mode across processes: two JVMs with two clients each (a thread, a
 * connection and a bucket each) share one guard (1,000 calls/s, burst 20, lease 8) for 1.5 s.
 * Every admission gets an interval of server time that surely holds it: a permit of a round trip
 * its due time (server time plus wait), a held permit the span between the server times of its
 * client's round trips before and after it. In every window [a, b], the admissions whose interval
 * meets the window (at least those admitted within it) number at most {@code burst + (b - a) /
 * interval + clients * (lease - 1)}.
 */
class LeaseBoundTest {

  private static final int PROCESSES = 2;
  private static final int CLIENTS_PER_PROCESS = 2;
  private static final double RATE = 1_000;
  private static final long INTERVAL = 1_000_000;
  private static final int BURST = 20;
  private static final long LEASE = 8;
  private static final long EXTRA = PROCESSES * CLIENTS_PER_PROCESS * (LEASE - 1);

  @Test
  void noWindowAdmitsMoreThanTheExactBoundPlusClientsTimesLeaseMinusOne() throws Exception {
    List<String> lines = new ArrayList<>();
    try (RedisServer server = RedisServer.start()) {
      try (GatedJvms jvms = new GatedJvms()) {
        for (int i = 0; i < PROCESSES; i++) {
          jvms.add(Jvm.onClassPath(LeasingMain.class, server.uri(), "leased", Double.toString(RATE),
              Integer.toString(BURST), Integer.toString(CLIENTS_PER_PROCESS), "1500", Long.toString(LEASE),
              Integer.toString(i + 1)));
        }
        jvms.go();
        for (int i = 0; i < PROCESSES; i++) {
          lines.addAll(jvms.linesOf(i));
        }
      }
    }
    Admissions admissions = Admissions.of(lines);
    assertEquals(PROCESSES * CLIENTS_PER_PROCESS, admissions.clients, "clients that reported");
    assertTrue(admissions.held > 0 && admissions.leased > 0,
        "lease mode was used: " + admissions.held + " held permits taken, " + admissions.leased + " leases of 2 or more");
    long[][] spans = admissions.spans.toArray(new long[0][]);
    Arrays.sort(spans, Comparator.comparingLong(span -> span[0]));
    long[] ends = admissions.spans.stream().mapToLong(span -> span[1]).sorted().distinct().toArray();
    for (long a : ends) {
      long admitted = 0;
      for (long[] span : spans) {
        if (span[1] < a) {
          continue;
        }
        admitted++;
        long b = Math.max(span[0], a);
        assertTrue(admitted <= BURST + (b - a) / INTERVAL + EXTRA,
            admitted + " admissions within [" + a + ", " + b + "] of server time, " + spans.length + " in all");
      }
    }
    assertTrue(spans.length > BURST + EXTRA, "the clients shared the refill: " + spans.length + " admissions");
  }

  /** The admissions reported, each a span {first, last} of server time that holds it. */
  private static final class Admissions {
    final List<long[]> spans = new ArrayList<>();
    int clients;
    long held;
    long leased;

    static Admissions of(List<String> lines) {
      Admissions admissions = new Admissions();
      Map<String, Long> lastRoundTrip = new HashMap<>();
      for (String line : lines) {
        String[] words = line.split(" ");
        if (words[0].equals("S")) {
          long time = Long.parseLong(words[2]);
          long taken = Long.parseLong(words[3]);
          long wait = Long.parseLong(words[4]);
          admissions.held(lastRoundTrip.put(words[1], time), time, Long.parseLong(words[5]), line);
          if (taken > 0) {
            admissions.spans.add(new long[] {time + wait, time + wait});
          }
          admissions.leased += taken > 1 ? 1 : 0;
        } else if (words[0].equals("E")) {
          admissions.held(lastRoundTrip.get(words[1]), Long.MAX_VALUE, Long.parseLong(words[2]), line);
          admissions.clients++;
        } else {
          throw new AssertionError("unexpected output: " + line);
        }
      }
      return admissions;
    }

    /** {@code count} held permits taken after the round trip at {@code after}, before {@code before}. */
    private void held(Long after, long before, long count, String line) {
      if (count == 0) {
        return;
      }
      assertTrue(after != null, "held permits before any round trip: " + line);
      for (long i = 0; i < count; i++) {
        spans.add(new long[] {after, before});
      }
      held += count;
    }
  }
}
