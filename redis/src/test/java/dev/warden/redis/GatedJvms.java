package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Forked JVMs behind one start gate: each prints {@code ready} when set up and starts its work when
 * it reads {@code go}, which all of them get only once all are ready. Closing kills any left.
 * Not thread-safe: one test thread uses it.
 */
final class GatedJvms implements AutoCloseable {

  private final List<Process> processes = new ArrayList<>();
  private final List<BufferedReader> outputs = new ArrayList<>();

  /** Adds a started JVM (stderr merged into its output). */
  void add(Process process) {
    processes.add(process);
    outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
  }

  /** Waits until every JVM is ready, then tells them all to go. */
  void go() throws IOException {
    for (BufferedReader output : outputs) {
      awaitReady(output);
    }
    for (Process process : processes) {
      OutputStream in = process.getOutputStream();
      in.write("go\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
    }
  }

  /**
   * The output lines of JVM {@code i} (but SLF4J's), once it has exited with status 0 within 60 s.
   *
   * @param i the JVM, in the order added
   * @return its lines
   */
  List<String> linesOf(int i) throws InterruptedException {
    List<String> lines = outputs.get(i).lines().filter(l -> !l.startsWith("SLF4J:")).toList();
    assertTrue(processes.get(i).waitFor(60, TimeUnit.SECONDS), "process " + i + " still running");
    assertEquals(0, processes.get(i).exitValue(), String.join("\n", lines));
    return lines;
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
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
