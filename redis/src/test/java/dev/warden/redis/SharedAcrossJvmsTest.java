package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three JVMs share one guard (50 calls/s, burst 5) for 2 s, each calling as fast as it can and
 * waiting up to 30 ms for a reserved permit. Every permit's due time on the server clock is
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
      List<Process> processes = new ArrayList<>();
      List<BufferedReader> outputs = new ArrayList<>();
      try {
        for (int i = 0; i < PROCESSES; i++) {
          Process process = Jvm.onClassPath(SharingMain.class, server.uri(), "shared", Double.toString(RATE),
              Integer.toString(BURST), "30", "2000");
          processes.add(process);
          outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (BufferedReader output : outputs) {
          awaitReady(output);
        }
        for (Process process : processes) {
          OutputStream in = process.getOutputStream();
          in.write("go\n".getBytes(StandardCharsets.UTF_8));
          in.flush();
        }
        List<Long> due = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
          List<String> lines = outputs.get(i).lines().filter(l -> !l.startsWith("SLF4J:")).toList();
          assertTrue(processes.get(i).waitFor(60, TimeUnit.SECONDS), "process " + i + " still running");
          assertEquals(0, processes.get(i).exitValue(), String.join("\n", lines));
          List<Long> own = lines.stream().filter(l -> l.startsWith("due ")).map(l -> Long.parseLong(l.substring(4))).toList();
          assertTrue(own.size() > 0, "process " + i + " was never admitted:\n" + String.join("\n", lines));
          assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("failed ")).toList());
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
      } finally {
        processes.forEach(Process::destroyForcibly);
      }
    }
  }

  private static void awaitReady(BufferedReader output) throws IOException {
    StringBuilder seen = new StringBuilder();
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.equals("ready")) {
        return;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("process ended before it was ready:\n" + seen);
  }
}
