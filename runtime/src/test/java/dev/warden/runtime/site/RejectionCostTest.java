package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.Allocations;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.ThrottledException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rejections are cheap: no stack trace unless {@code warden.rejections.stackTrace=true}, and no
 * exception at all when the fallback does not take one.
 */
class RejectionCostTest {

  static class Client {
    @Breaker(name = "cost.open", failureThreshold = 1, cooldownMillis = 600_000)
    String open() {
      return "ok";
    }

    @Breaker(name = "cost.fallback", failureThreshold = 1, cooldownMillis = 600_000, fallback = "cached")
    String withFallback() {
      return "ok";
    }

    String cached() {
      return "cached";
    }

    @Throttled(name = "cost.throttled", callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
    String throttled() {
      return "ok";
    }
  }

  /** Opens the site's breaker with one failure. */
  static GuardSite opened(String method) throws Exception {
    GuardSite site = GuardSite.forMethod(Client.class, method);
    try {
      Protocol.call(site, new Client(), null, () -> {
        throw new IllegalStateException("down");
      });
    } catch (IllegalStateException expected) {
      // opens the breaker
    }
    return site;
  }

  @Test
  void aRejectionHasNoStackTraceByDefaultAndNamesTheGuardAndTheReason() throws Exception {
    CircuitOpenException open = assertThrows(CircuitOpenException.class,
        () -> Protocol.call(opened("open"), () -> "ok"));
    assertEquals(0, open.getStackTrace().length);
    assertEquals("Circuit breaker 'cost.open' is OPEN", open.getMessage());

    GuardSite throttled = GuardSite.forMethod(Client.class, "throttled");
    Protocol.call(throttled, () -> "ok");
    ThrottledException limited = assertThrows(ThrottledException.class, () -> Protocol.call(throttled, () -> "ok"));
    assertEquals(0, limited.getStackTrace().length);
    assertEquals("Rate limit of 'cost.throttled' exceeded", limited.getMessage());
    assertNull(limited.getCause());
    assertEquals(0, new ThrottledException("x", new InterruptedException()).getStackTrace().length);
  }

  @Test
  void eachThrownRejectionIsANewException() throws Exception {
    GuardSite site = opened("open");
    Throwable first = assertThrows(CircuitOpenException.class, () -> Protocol.call(site, () -> "ok"));
    Throwable second = assertThrows(CircuitOpenException.class, () -> Protocol.call(site, () -> "ok"));
    assertTrue(first != second);
  }

  @Test
  void withThePropertyARejectionHasItsStackTrace() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Dwarden.rejections.stackTrace=true",
            "-cp", classPath(), StackTraceProbe.class.getName()))
        .redirectErrorStream(true)
        .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    process.getInputStream().transferTo(out);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("frames>0 top=" + StackTraceProbe.class.getName()), output);
  }

  /**
   * This JVM's classes as one class path: surefire runs the tests in the {@code dev.warden.runtime}
   * module (main classes on the module path, test classes patched in), the probe on the class path.
   */
  private static String classPath() throws Exception {
    List<String> entries = new ArrayList<>();
    entries.add(Path.of(StackTraceProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Runs in a JVM of its own with the property set: prints the stack depth of a rejection. */
  static final class StackTraceProbe {
    public static void main(String[] args) throws Exception {
      try {
        Protocol.call(opened("open"), () -> "ok");
      } catch (CircuitOpenException e) {
        StackTraceElement[] trace = e.getStackTrace();
        boolean fromProbe = false;
        for (StackTraceElement element : trace) {
          fromProbe |= element.getClassName().equals(StackTraceProbe.class.getName());
        }
        System.out.println("frames" + (trace.length > 0 ? ">0" : "=0") + " top=" + (fromProbe ? StackTraceProbe.class.getName() : "?"));
      }
    }
  }

  /**
   * A rejection answered by a fallback without a {@code Throwable} parameter, on a method without
   * parameters (as generated and woven code pass them: {@code null} arguments), allocates nothing
   * at all: no exception, no argument array, no spread array in {@link Fallback#invoke}.
   */
  @Test
  void aFallbackWithoutThrowableAllocatesNothingPerRejection() throws Throwable {
    GuardSite site = opened("withFallback");
    Client client = new Client();
    int calls = 100_000;
    long rejections = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = Allocations.ofThisThread();
      for (int i = 0; i < calls; i++) {
        rejectOnce(site, client);
      }
      rejections = Math.min(rejections, Allocations.ofThisThread() - before);
    }
    // anything allocated per call is at least 16 bytes; the measurement itself may allocate a few
    assertEquals(0, rejections / calls, rejections + " bytes allocated by " + calls + " rejections");
  }

  private static void rejectOnce(GuardSite site, Client client) {
    Object permit = site.enter();
    if (!(permit instanceof GuardRejectedException) || site.rejected(permit, client, null) != "cached") {
      throw new AssertionError("fallback result expected");
    }
  }
}
