package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import example.support.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A third-party jar built here ({@code com.acme.sdk}, compiled with no Warden class in reach:
 * never annotated) guarded by guard entries only, with the same behaviour, names, overrides and
 * JMX beans as annotations. One JVM per way of loading the SDK (class path with {@code config=},
 * entries from the system {@code warden.properties}, a child loader, a named module, a named module
 * with the runtime on the module path too), each on the test JDK and on JDK 25 (skipped when the
 * test JDK is JDK 25 itself); each JVM runs every check of {@code configured/app/app/Checks.java}
 * and prints one PASS line per check.
 *
 * <p>Every run also holds {@code com.acme.annotated.Ledger}, annotated and named by an entry: the
 * annotation wins, with exactly one warning, and each call is guarded once.
 */
class ConfiguredGuardsIT {

  private static final String OVERRIDE = "-Dwarden.com.acme.sdk.Client#send.burst=1";

  private static final List<String> CHECKS = List.of("sdk-unannotated", "throttle", "all-overloads-share",
      "override-wins", "jmx", "breaker", "one-overload", "nested-class", "static", "private", "final",
      "synchronized-parks-without-monitor", "retry", "async", "fallback", "shared-name", "class-level-entry",
      "javax-library", "annotated-and-configured", "type-annotation-static-entry");

  @TempDir
  static Path dir;

  private static Path sdk;
  private static Path app;
  private static Path entries;
  private static Path wardenProperties;

  @BeforeAll
  static void build() throws IOException {
    sdk = ConfiguredFixtures.sdkJar(dir);
    app = ConfiguredFixtures.appJar(dir, "app",
        Jvm.classPath(sdk, Jvm.runtimeClasses(), Jvm.annotationClasses()), true, List.of(Probes.class),
        "app", "annotated");
    entries = Files.copy(ConfiguredFixtures.guards(), dir.resolve("guards.properties"));
    wardenProperties = ConfiguredFixtures.resourceJar(dir.resolve("entries.jar"), "warden.properties",
        ConfiguredFixtures.guards());
  }

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (String group : List.of("class-path", "warden-properties", "child-loader", "module", "module-runtime")) {
      for (String jdk : List.of("test JDK", "JDK 25")) {
        runs.add(Arguments.of(group, jdk));
      }
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("runs")
  void guardsTheSdkFromConfiguration(String group, String jdk) throws IOException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    if (jdk.equals("JDK 25")) {
      assumeTrue(Files.isExecutable(Jvm.JDK_25.resolve("bin/java")), "no JDK 25 at " + Jvm.JDK_25);
      assumeFalse(Runtime.version().feature() == 25, "the test JDK is JDK 25");
      javaHome = Jvm.JDK_25;
    }
    String config = "config=" + entries;
    String source = entries.toString();
    List<String> flags = new ArrayList<>(List.of(OVERRIDE));
    String classPath = Jvm.classPath(sdk, app);
    String main = "app.Checks";
    String where = group;
    switch (group) {
      case "class-path":
        break;
      case "warden-properties":
        config = null;
        source = "jar:" + wardenProperties.toUri().toURL() + "!/warden.properties";
        classPath = Jvm.classPath(sdk, app, wardenProperties);
        where = "class-path";
        break;
      case "child-loader":
        classPath = app.toString();
        main = "app.Launcher";
        break;
      case "module":
        flags.addAll(List.of("--module-path", sdk.toString(), "--add-modules", "com.acme.sdk"));
        classPath = app.toString();
        break;
      case "module-runtime":
        flags.addAll(List.of("--module-path", Jvm.classPath(sdk, Jvm.runtimeClasses(), Jvm.annotationClasses()),
            "--add-modules", "com.acme.sdk,dev.warden.runtime"));
        classPath = app.toString();
        break;
      default:
        throw new IllegalArgumentException(group);
    }
    flags.add(0, Jvm.agentFlag(config));
    String[] args = main.equals("app.Launcher") ? new String[] {sdk.toString(), app.toString()} : new String[] {where};

    Jvm.Result run = Jvm.runWithFlags(javaHome, flags, classPath, main, args);

    List<String> expected = new ArrayList<>(List.of("PASS where-" + where));
    CHECKS.forEach(check -> expected.add("PASS " + check));
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(expected, run.out().lines().toList(), run::toString);
    assertEquals(List.of("[warden-agent] WARNING guard entry com.acme.annotated.Ledger#post (" + source
            + ") is not applied to com.acme.annotated.Ledger#post(java.lang.String): the method carries Warden"
            + " annotations, which win; tune them with warden.<name>.<attribute> overrides"),
        run.err().lines().filter(line -> line.startsWith("[warden-agent]")).toList(), run::toString);
    // The rest is Warden's own log records (java.util.logging: a dated header line, then the
    // message): the breaker's opening with the failure that opened it and its stack trace, and each
    // throttled guard's first refusal, once per guard.
    List<String> records = run.err().lines().filter(line -> !line.startsWith("[warden-agent]"))
        .filter(line -> !line.endsWith(" dev.warden.runtime.CircuitBreaker logOpening"))
        .filter(line -> !line.endsWith(" dev.warden.runtime.RefusalLog note"))
        .filter(line -> !line.startsWith("\tat ") && !line.startsWith("\t... ") && !line.isEmpty()).toList();
    List<String> refusals = records.stream().filter(line -> line.startsWith("INFO: Rate limiter '")).toList();
    assertTrue(refusals.contains("INFO: Rate limiter 'com.acme.sdk.Client#send' (0.001/s, burst 1) is refusing calls;"
        + " further refusals are not logged until it has refused none for 60 s"), run::toString);
    assertEquals(refusals.size(), refusals.stream().distinct().count(), run::toString);
    assertEquals(List.of("WARNING: Circuit breaker 'com.acme.sdk.Client#receive': CLOSED -> OPEN after 2 consecutive"
            + " failures; calls are refused for 600000 ms; last failure: java.lang.IllegalArgumentException: no queue",
            "java.lang.IllegalArgumentException: no queue"),
        records.stream().filter(line -> !refusals.contains(line)).toList(), run::toString);
  }

  /**
   * Review R9: two versions of {@code com.acme.sdk.Client} in two loaders (v1: public {@code send},
   * v2: package-private, so the class-level {@code @CountCalls} does not apply to it). v1 is woven
   * with both guards, then v2 is woven, then v1's sites are created: v1 keeps both guards.
   */
  @Test
  void anotherLoadersCopyOfAClassDoesNotChangeTheGuardsOfAWovenCopy() throws IOException {
    Path v1 = ConfiguredFixtures.classes(dir, "r9-v1", Map.of("com/acme/sdk/Client.java",
        "package com.acme.sdk; public class Client { public String send(String s) { return \"v1:\" + s; } }"));
    Path v2 = ConfiguredFixtures.classes(dir, "r9-v2", Map.of("com/acme/sdk/Client.java",
        "package com.acme.sdk; public class Client { String send(String s) { return \"v2:\" + s; } }"));
    Path two = ConfiguredFixtures.classes(dir, "r9-app", Map.of("app/Two.java", """
        package app;
        import java.lang.reflect.Method;
        import java.net.URL;
        import java.net.URLClassLoader;
        import java.nio.file.Path;
        public class Two {
          public static void main(String[] a) throws Exception {
            ClassLoader l1 = new URLClassLoader(new URL[] {Path.of(a[0]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            ClassLoader l2 = new URLClassLoader(new URL[] {Path.of(a[1]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c1 = Class.forName("com.acme.sdk.Client", false, l1); // woven, not initialized
            Class.forName("com.acme.sdk.Client", false, l2);                // woven too
            Object client = c1.getConstructor().newInstance();                // v1's sites are created now
            Method send = c1.getMethod("send", String.class);
            System.out.println(send.invoke(client, "x"));
            Object stats = ClassLoader.getSystemClassLoader().loadClass("dev.warden.runtime.Warden")
                .getMethod("callStats", String.class).invoke(null, "com.acme.sdk.Client#send");
            System.out.println("call stats " + ((java.util.Optional<?>) stats).isPresent());
          }
        }
        """));
    Path file = Files.write(dir.resolve("r9.properties"),
        List.of("com.acme.sdk.Client = @CountCalls", "com.acme.sdk.Client#send = @Throttled(callsPerSecond=100, burst=5)"));
    Jvm.Result run = Jvm.withAgent("config=" + file, two.toString(), "app.Two", v1 + "/", v2 + "/");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("v1:x", "call stats true"), run.out().lines().toList(),
        run::toString);
  }
}
