package dev.warden.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs a command to completion and times it. Stateless. */
final class Processes {

  /**
   * A finished command.
   *
   * @param nanos wall-clock time from start to exit
   * @param output its standard output and error, merged
   */
  record Run(long nanos, String output) {}

  private Processes() {}

  /** The {@code bin/<tool>} of the running JDK. */
  static String jdkTool(String tool) {
    return Path.of(System.getProperty("java.home"), "bin", tool).toString();
  }

  /**
   * Runs {@code command} and waits for it.
   *
   * @throws IllegalStateException if it exits with a non-zero status (the message carries its output)
   */
  static Run run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    long nanos = System.nanoTime() - start;
    if (status != 0) {
      throw new IllegalStateException("Exit status " + status + " from " + String.join(" ", command) + ":\n" + output);
    }
    return new Run(nanos, output);
  }
}
