package dev.warden.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's {@code --jfr} option, run as a user runs it (the packaged jar in a JVM of its own, in
 * processor mode): the recording file holds exactly the events the demo reports, one {@code
 * dev.warden.BreakerTransition} to {@code OPEN} per opening in the summary, and one {@code
 * dev.warden.Rejected} per rejection the call counters report; and at least one opening and one
 * rejection by the breaker, which every run has (the backend's outage lasts until the breaker has
 * refused a call). No assertion depends on timing.
 */
class JfrDemoIT {

  private static final String DEMO = System.getProperty("demo.jar");
  private static final Pattern OPENED = Pattern.compile(".* the circuit opened (\\d+) times");
  private static final Pattern REJECTED = Pattern.compile("(\\S+): calls \\d+ = \\d+ ok \\+ \\d+ failed \\+ (\\d+) rejected");
  private static final Pattern COUNT = Pattern.compile("  (dev\\.warden\\.\\w+) +(\\d+)");

  @TempDir Path dir;

  @Test
  void recordsWardenEventsIntoAFileAndSaysHowToOpenIt() throws Exception {
    Path out = dir.resolve("out.txt");
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", DEMO, "--seconds", "5", "--workers", "8", "--jfr");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    // Not a timing check: only a guard against a hung JVM (the demo itself runs for 5 s).
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the demo did not end within 5 minutes");
    }
    List<String> lines = Files.readAllLines(out);
    String all = String.join("\n", lines);
    assertEquals(0, process.exitValue(), all);

    Path file = dir.resolve("warden-demo.jfr").toAbsolutePath();
    assertTrue(lines.contains("JFR recording of Warden's events: " + file), all);
    assertTrue(lines.contains("Open it in JDK Mission Control: jmc, then File > Open File..., then Event Browser > Warden;"), all);
    assertTrue(lines.contains("or print it: jfr print --events dev.warden.Rejected " + file), all);

    Map<String, Integer> printed = new LinkedHashMap<>();
    long opened = -1;
    Map<String, Long> rejected = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher count = COUNT.matcher(line);
      if (count.matches()) {
        printed.put(count.group(1), Integer.parseInt(count.group(2)));
      }
      Matcher open = OPENED.matcher(line);
      if (open.matches()) {
        opened = Long.parseLong(open.group(1));
      }
      Matcher calls = REJECTED.matcher(line);
      if (calls.matches()) {
        rejected.put(calls.group(1), Long.parseLong(calls.group(2)));
      }
    }
    assertEquals(FlightRecording.EVENTS, new ArrayList<>(printed.keySet()), all);

    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    Map<String, Integer> recorded = new LinkedHashMap<>();
    FlightRecording.EVENTS.forEach(name -> recorded.put(name, 0));
    events.forEach(e -> recorded.computeIfPresent(e.getEventType().getName(), (name, n) -> n + 1));
    assertEquals(printed, recorded, all);
    long openings = events.stream().filter(e -> e.getEventType().getName().equals("dev.warden.BreakerTransition"))
        .filter(e -> e.getString("to").equals("OPEN")).count();
    assertTrue(openings >= 1, "the breaker opened at least once\n" + all);
    assertEquals(opened, openings, all);
    long refusedByTheBreaker = events.stream().filter(e -> e.getEventType().getName().equals("dev.warden.Rejected"))
        .filter(e -> e.getString("name").equals("dev.warden.demo.SearchService#search"))
        .filter(e -> e.getString("kind").equals("breaker")).count();
    assertTrue(refusedByTheBreaker >= 1, "the breaker refused at least one call\n" + all);
    assertEquals(List.of("dev.warden.demo.SearchService#search", "dev.warden.demo.SearchService#suggest"),
        new ArrayList<>(rejected.keySet()), all);
    rejected.forEach((guard, count) -> assertEquals(count, events.stream()
        .filter(e -> e.getEventType().getName().equals("dev.warden.Rejected"))
        .filter(e -> e.getString("name").equals(guard)).count(), guard + "\n" + all));
  }
}
