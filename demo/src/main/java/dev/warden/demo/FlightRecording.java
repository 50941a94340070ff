package dev.warden.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The demo's {@code --jfr} option: a JDK Flight Recorder recording of the run with Warden's events
 * enabled (they are off by default), written to a file when the run ends; then how many of each
 * were recorded and how to open the file. Not thread-safe: started and closed by the main thread.
 */
final class FlightRecording implements AutoCloseable {

  /** Warden's events, all enabled for the demo. */
  static final List<String> EVENTS = List.of("dev.warden.Rejected", "dev.warden.BreakerTransition",
      "dev.warden.ThrottleWait", "dev.warden.Retry", "dev.warden.Timeout");

  private final Recording recording;
  private final Path file;

  private FlightRecording(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  /** Starts recording Warden's events into {@code file} (written when the recording is closed). */
  static FlightRecording start(Path file) {
    Recording recording = new Recording();
    recording.setName("warden-demo");
    EVENTS.forEach(recording::enable);
    try {
      recording.setDestination(file);
    } catch (IOException e) {
      recording.close();
      throw new UncheckedIOException("Cannot record to " + file, e);
    }
    recording.start();
    return new FlightRecording(recording, file);
  }

  /** Stops the recording, which writes the file, and prints what it holds and how to open it. */
  void report(PrintStream out) throws IOException {
    recording.stop();
    Map<String, Integer> counts = new LinkedHashMap<>();
    EVENTS.forEach(name -> counts.put(name, 0));
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      counts.computeIfPresent(event.getEventType().getName(), (name, count) -> count + 1);
    }
    out.printf("%nJFR recording of Warden's events: %s%n", file);
    counts.forEach((name, count) -> out.printf("  %-28s %d%n", name, count));
    out.println("Open it in JDK Mission Control: jmc, then File > Open File..., then Event Browser > Warden;");
    out.println("or print it: jfr print --events dev.warden.Rejected " + file);
  }

  @Override
  public void close() {
    recording.close();
  }
}
