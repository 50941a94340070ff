package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three JVMs share one guard (50 calls/s, burst 5) for 2 s, each calling as fast as it can and
 * waiting up to 30 ms for a reserved permit. Every known permit's due time on the server clock is
 * collected: in every window [a, b] of those times the permits number at most {@code burst +
 * (b - a) / interval}, which is at most {@code burst + T * rate} for T = b - a.
 */
class SharedAcrossJvmsTest {

  private static final int PROCESSES = 3;
  private static final double RATE = 50;
  private static final int BURST = 5;
  private static final long INTERVAL = 20_000_000;

  @Test
  void noWindowAdmitsMoreThanBurstPlusItsLengthTimesTheRate() throws Exception {
    try (RedisServer server = RedisServer.start()) {
      try (GatedJvms jvms = new GatedJvms()) {
        for (int i = 0; i < PROCESSES; i++) {
          jvms.add(Jvm.onClassPath(SharingMain.class, server.uri(), "shared", Double.toString(RATE),
              Integer.toString(BURST), "30", "2000"));
        }
        jvms.go();
        List<Long> due = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
          List<String> lines = jvms.linesOf(i);
          List<Long> own = lines.stream().filter(l -> l.startsWith("due ")).map(l -> Long.parseLong(l.substring(4))).toList();
          assertTrue(own.size() > 0, "process " + i + " was never admitted:\n" + String.join("\n", lines));
          // A call that failed (no answer in time) may or may not have taken a permit: leaving
          // its unknown due time out only lowers the counts, so the check stays sound.
          due.addAll(own);
        }
        due.sort(null);
        for (int first = 0; first < due.size(); first++) {
          for (int last = first; last < due.size(); last++) {
            long window = due.get(last) - due.get(first);
            long admitted = last - first + 1;
            assertTrue(admitted <= BURST + window / INTERVAL,
                admitted + " permits within " + window + " ns (from permit " + first + " of " + due.size() + ")");
          }
        }
        assertTrue(due.size() > BURST, "the processes shared the refill, not only the burst: " + due.size());
      }
    }
  }
}
