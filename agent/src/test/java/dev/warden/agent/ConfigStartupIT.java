package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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
 * Guard entries at start-up and at exit, on a real JVM: every invalid entry stops the JVM with a
 * line naming it and what is wrong, as a bad option does; entries that guarded nothing are
 * reported once at exit (and as they are skipped, with {@code verbose=true}); a class loaded
 * before an attached agent is reported and left unguarded. The application is {@code app.Start}
 * (or {@code app.Misconfigured}, {@code app.Attach}) on the never-annotated {@code sdk.jar} of
 * {@link ConfiguredFixtures}.
 */
class ConfigStartupIT {

  private static final String PREFIX = "[warden-agent] ";
  private static final List<String> STARTED = List.of("pong", "special", "0", "PASS started");

  @TempDir
  static Path dir;

  private static Path sdk;
  private static String startClassPath;
  private static String attachClassPath;
  private static int files;

  @BeforeAll
  static void build() throws IOException {
    sdk = ConfiguredFixtures.sdkJar(dir);
    startClassPath = Jvm.classPath(sdk, ConfiguredFixtures.appJar(dir, "start", sdk.toString(), false, "startup"));
    attachClassPath = Jvm.classPath(sdk, ConfiguredFixtures.appJar(dir, "attach", sdk.toString(), false, "attach"));
  }

  static Stream<Arguments> badEntries() {
    return Stream.of(
        Arguments.of("com.acme.sdk.Client#send = @Throttled(burts=10, callsPerSecond=1)",
            "Invalid guard entry 'com.acme.sdk.Client#send = @Throttled(burts=10, callsPerSecond=1)' ({file}):"
                + " @Throttled has no attribute 'burts'; known: burst, callsPerSecond, fallback, maxWaitMillis, name"),
        Arguments.of("com.acme.sdk.Client#receive = @Throttled(callsPerSecond=5, burst=0)",
            "Invalid @Throttled(burst=0) on com.acme.sdk.Client#receive in {file}: burst must be >= 1, got 0"),
        Arguments.of("com.acme.sdk.Client#<init> = @CountCalls",
            "Invalid guard entry 'com.acme.sdk.Client#<init> = @CountCalls' ({file}): <init>: constructors and"
                + " initializers cannot be guarded"),
        Arguments.of("java.util.ArrayList#add = @CountCalls",
            "Invalid guard entry 'java.util.ArrayList#add = @CountCalls' ({file}): JDK classes cannot be guarded;"
                + " guard your method that calls java.util.ArrayList#add"),
        // Review R8: classes in packages of the JDK's modules, outside java. and jdk., too.
        Arguments.of("javax.net.ssl.SSLSocket#startHandshake = @CountCalls",
            "Invalid guard entry 'javax.net.ssl.SSLSocket#startHandshake = @CountCalls' ({file}): JDK classes cannot be"
                + " guarded; guard your method that calls javax.net.ssl.SSLSocket#startHandshake"),
        Arguments.of("com.sun.net.httpserver.HttpServer = @CountCalls",
            "Invalid guard entry 'com.sun.net.httpserver.HttpServer = @CountCalls' ({file}): JDK classes cannot be"
                + " guarded; guard your method that calls com.sun.net.httpserver.HttpServer"),
        Arguments.of("javax.sql.rowset.RowSetMetaDataImpl#getColumnCount = @CountCalls",
            "Invalid guard entry 'javax.sql.rowset.RowSetMetaDataImpl#getColumnCount = @CountCalls' ({file}): JDK"
                + " classes cannot be guarded; guard your method that calls"
                + " javax.sql.rowset.RowSetMetaDataImpl#getColumnCount"),
        Arguments.of("dev.warden.runtime.Warden#names = @CountCalls",
            "Invalid guard entry 'dev.warden.runtime.Warden#names = @CountCalls' ({file}): Warden's own classes"
                + " cannot be guarded"),
        Arguments.of("warden.com.acme.sdk.Client#send.burst = 3",
            "Invalid guard entry 'warden.com.acme.sdk.Client#send.burst = 3' ({file}): a key starting with warden."
                + " is an override; overrides are read from system properties and warden.properties, not from the"
                + " config file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEntries")
  void refusesToStartWithABadEntry(String entry, String problem) throws IOException {
    Path file = entries(entry);
    Jvm.Result run = Jvm.withAgent("config=" + file, startClassPath, "app.Start");
    assertRefused(run, List.of(problem.replace("{file}", file.toString())));
  }

  /**
   * Every problem of a file, one line each, in file order; then the entries that select a method
   * an earlier entry selects ({@code send} and {@code send(java.lang.String)}, and a repeated key),
   * each reported on the later entry.
   */
  @Test
  void reportsEveryBadEntryBeforeRefusingToStart() throws IOException {
    Path file = entries(
        "com.acme.sdk.Client#ping = @Throttled",
        "com.acme.sdk.Client#seal = @Throttled(callsPerSecond=5, name=sdk)",
        "com.acme.sdk.Client#lock = @Throtled(callsPerSecond=5)",
        "com.acme.sdk.Client#peek =",
        "com.acme.sdk.Client#quote = @Throttled(callsPerSecond=5, burst=1.5)",
        "com.acme.sdk.Client#download(java.lang.String, int = @CountCalls",
        "com.acme.sdk.Client#fetchAsync = @Retry(maxAttempts=2) @Retry",
        "com.acme.sdk.Client#send = @CountCalls",
        "com.acme.sdk.Client#send(java.lang.String) = @CountCalls",
        "com.acme.sdk.Client$Pool#borrow = @CountCalls",
        "com.acme.sdk.Client$Pool#borrow = @CountCalls",
        "com.acme.sdk.Client#receive = @Throttled(callsPerSecond=5, burst=0)");
    Jvm.Result run = Jvm.withAgent("config=" + file, startClassPath, "app.Start");
    String in = " (" + file + "): ";
    assertRefused(run, List.of(
        "Invalid guard entry 'com.acme.sdk.Client#ping = @Throttled'" + in + "@Throttled needs callsPerSecond",
        "Invalid guard entry 'com.acme.sdk.Client#seal = @Throttled(callsPerSecond=5, name=sdk)'" + in
            + "@Throttled(name=sdk): text must be quoted: name=\"sdk\"",
        "Invalid guard entry 'com.acme.sdk.Client#lock = @Throtled(callsPerSecond=5)'" + in
            + "unknown guard @Throtled; known: @Breaker, @Bulkhead, @CountCalls, @Retry, @Throttled, @Timeout",
        "Invalid guard entry 'com.acme.sdk.Client#peek ='" + in
            + "no guards after '='; write at least one, e.g. @Throttled(callsPerSecond=5)",
        "Invalid guard entry 'com.acme.sdk.Client#quote = @Throttled(callsPerSecond=5, burst=1.5)'" + in
            + "@Throttled(burst=1.5): not an integer (int)",
        "Invalid guard entry 'com.acme.sdk.Client#download(java.lang.String, int = @CountCalls'" + in
            + "unclosed '(' in the parameter list",
        "Invalid guard entry 'com.acme.sdk.Client#fetchAsync = @Retry(maxAttempts=2) @Retry'" + in
            + "@Retry appears twice; write each guard once per entry",
        "Invalid @Throttled(burst=0) on com.acme.sdk.Client#receive in " + file + ": burst must be >= 1, got 0",
        "Invalid guard entry 'com.acme.sdk.Client#send(java.lang.String) = @CountCalls'" + in
            + "it selects a method that 'com.acme.sdk.Client#send = @CountCalls' (" + file
            + ") selects too; give each method one entry",
        "Invalid guard entry 'com.acme.sdk.Client$Pool#borrow = @CountCalls'" + in
            + "it selects a method that 'com.acme.sdk.Client$Pool#borrow = @CountCalls' (" + file
            + ") selects too; give each method one entry"));
  }

  @Test
  void refusesEntriesOfTheConfigFileAndTheSystemWardenPropertiesThatSelectOneMethod() throws IOException {
    Path file = entries("com.acme.sdk.Client#send = @CountCalls");
    Path jar = ConfiguredFixtures.resourceJar(dir.resolve("overlap.jar"), "warden.properties",
        entries("warden.com.acme.sdk.Client#send.burst = 2", // an override there, not an entry
            "com.acme.sdk.Client#send(java.lang.String) = @CountCalls"));
    Jvm.Result run = Jvm.withAgent("config=" + file, jar + File.pathSeparator + startClassPath, "app.Start");
    assertRefused(run, List.of("Invalid guard entry 'com.acme.sdk.Client#send(java.lang.String) = @CountCalls' (jar:"
        + jar.toUri().toURL() + "!/warden.properties): it selects a method that 'com.acme.sdk.Client#send ="
        + " @CountCalls' (" + file + ") selects too; give each method one entry"));
  }

  /**
   * Review R1: entries for overloads without a {@code name} share the default guard name, and two
   * entries with one explicit {@code name} share it too (here across the config file and the
   * system {@code warden.properties}): with different values, only the configuration of whichever
   * method is called first would be in force, so the agent refuses to start, naming both entries.
   */
  @Test
  void refusesEntriesThatShareAGuardNameWithDifferentConfigurations() throws IOException {
    Path file = entries(
        "com.acme.sdk.Client#send(java.lang.String) = @Throttled(callsPerSecond=100, burst=5)",
        "com.acme.sdk.Client#send(java.lang.String, int) = @Throttled(callsPerSecond=0.001, burst=1, maxWaitMillis=0)",
        "com.acme.sdk.Client#upload = @Breaker(failureThreshold=3, name=\"sdk\")");
    Path jar = ConfiguredFixtures.resourceJar(dir.resolve("shared.jar"), "warden.properties",
        entries("com.acme.sdk.Client#download = @Breaker(failureThreshold=4, name=\"sdk\")"));
    Jvm.Result run = Jvm.withAgent("config=" + file, jar + File.pathSeparator + startClassPath, "app.Start");
    String properties = "jar:" + jar.toUri().toURL() + "!/warden.properties";
    assertRefused(run, List.of(
        "Invalid guard entry 'com.acme.sdk.Client#send(java.lang.String, int) = @Throttled(callsPerSecond=0.001,"
            + " burst=1, maxWaitMillis=0)' (" + file + "): @Throttled(name=\"com.acme.sdk.Client#send\") on"
            + " com.acme.sdk.Client#send(java.lang.String, int) shares its guard with 'com.acme.sdk.Client#send("
            + "java.lang.String) = @Throttled(callsPerSecond=100, burst=5)' (" + file + ") but has a different"
            + " configuration (callsPerSecond=0.001 vs 100.0, burst=1 vs 5, maxWaitMillis=0 vs 5000): declarations sharing"
            + " a name must agree;"
            + " give one a name=\"...\" of its own or make them agree",
        "Invalid guard entry 'com.acme.sdk.Client#download = @Breaker(failureThreshold=4, name=\"sdk\")' ("
            + properties + "): @Breaker(name=\"sdk\") on com.acme.sdk.Client#download shares its guard with"
            + " 'com.acme.sdk.Client#upload = @Breaker(failureThreshold=3, name=\"sdk\")' (" + file + ") but has a"
            + " different configuration (failureThreshold=4 vs 3): declarations sharing a name must agree; give one a"
            + " name=\"...\" of its own or make them agree"));
  }

  @Test
  void refusesAnEntryForAClassOutsideThePackagesOption() throws IOException {
    Path file = entries("com.acme.sdk.Client#send = @CountCalls");
    String options = "packages=com.other,config=" + file;
    Jvm.Result run = Jvm.withAgent(options, startClassPath, "app.Start");
    assertRefused(run, List.of("Invalid guard entry 'com.acme.sdk.Client#send = @CountCalls' (" + file + "):"
        + " com.acme.sdk.Client is outside packages=com.other; add its package to packages= or remove the entry"));
  }

  static Stream<Arguments> badConfigOptions() {
    Path missing = Path.of("/nonexistent/guards.properties");
    String entry = "com.acme.sdk.Client#ping = @CountCalls";
    return Stream.of(
        Arguments.of("config=", entry, "config needs a file name in 'config='"),
        Arguments.of("config=" + missing, entry,
            "config file " + missing + " is not a readable file in 'config=" + missing + "'"),
        Arguments.of("config={file},config={file}", entry, "config is given twice in 'config={file},config={file}'"),
        Arguments.of("config={file}", "com.acme.sdk.Client#ping = @Throttled(name=\"\\u12\")",
            "config file {file} cannot be read: Malformed \\uxxxx encoding."));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badConfigOptions")
  void refusesToStartWithABadConfigOption(String options, String content, String message) throws IOException {
    String file = entries(content).toString();
    Jvm.Result run = Jvm.withAgent(options.replace("{file}", file), startClassPath, "app.Start");
    assertRefused(run, List.of("Invalid warden-agent option: " + message.replace("{file}", file)));
  }

  @Test
  void reportsAtExitTheEntriesThatGuardedNothing() throws IOException {
    Path file = reportEntries();
    Jvm.Result run = Jvm.withAgent("config=" + file, startClassPath, "app.Start");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(STARTED, run.out().lines().toList(), run::toString);
    assertEquals(exitReport(file), run.err().lines().toList(), run::toString);
  }

  @Test
  void reportsSkippedEntriesAsTheirClassesLoadWhenVerbose() throws IOException {
    Path file = reportEntries();
    Jvm.Result run = Jvm.withAgent("verbose=true,config=" + file, startClassPath, "app.Start");
    List<String> expected = new ArrayList<>(List.of(
        PREFIX + "skipped guard entry com.acme.sdk.Client#sned (" + file + "): " + noSned(),
        PREFIX + "skipped guard entry com.acme.sdk.Client#send(long) (" + file + "): " + noSendLong(),
        PREFIX + "wove com.acme.sdk.Client#ping()Ljava/lang/String; (guard entry in " + file + ")",
        PREFIX + "skipped guard entry com.acme.sdk.Special#send (" + file + "): " + inherited()));
    expected.addAll(exitReport(file));
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(STARTED, run.out().lines().toList(), run::toString);
    assertEquals(expected, run.err().lines().toList(), run::toString);
  }

  @Test
  void reportsNothingWhenEveryEntryGuardsAMethod() throws IOException {
    Path file = entries("com.acme.sdk.Client#ping = @CountCalls", "com.acme.sdk.Special#special = @CountCalls");
    Jvm.Result run = Jvm.withAgent("config=" + file, startClassPath, "app.Start");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(STARTED, run.out().lines().toList(), run::toString);
    assertEquals("", run.err(), run::toString);
  }

  /**
   * What only the class can tell (a fallback it lacks, a class-list name its loader cannot find)
   * is an error when the class is woven, naming the entry; the JVM runs, and every call of the
   * method fails with the same message, as for an annotation.
   */
  @Test
  void reportsAtWeaveTimeAnEntryTheClassContradictsAndFailsEveryCall() throws IOException {
    Path file = entries("com.acme.sdk.Client#ping = @Throttled(callsPerSecond=5, fallback=\"nope\")",
        "com.acme.sdk.Special#special = @Breaker(failOn={com.acme.Nope})");
    Jvm.Result run = Jvm.withAgent("config=" + file, startClassPath, "app.Misconfigured");
    String ping = "Invalid @Throttled(fallback=\"nope\") on com.acme.sdk.Client#ping in " + file + ": no method nope()"
        + " (optionally with a trailing parameter that accepts ThrottledException) in com.acme.sdk.Client";
    String special = "Invalid @Breaker(failOn={com.acme.Nope}) on com.acme.sdk.Special#special in " + file
        + ": class com.acme.Nope not found";
    String failed = "dev.warden.runtime.ConfigurationException: ";
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of(failed + ping, failed + special, failed + ping, failed + special),
        run.out().lines().toList(), run::toString);
    assertEquals(List.of(
        PREFIX + "ERROR " + ping + " (every call of com.acme.sdk.Client#ping will fail with this error)",
        PREFIX + "ERROR " + special + " (every call of com.acme.sdk.Special#special will fail with this error)"),
        run.err().lines().toList(), run::toString);
  }

  /**
   * Review R2: an entry whose class cannot be woven (the advice pushes a 65,485-byte method past the
   * JVM's 64 KiB limit) guarded nothing, and the exit report says so, naming the failure.
   */
  @Test
  void reportsAtExitAnEntryWhoseClassFailedToWeave() throws IOException {
    StringBuilder big = new StringBuilder("package com.acme.big;\npublic class Big {\n"
        + "  public static int crunch(int x) {\n");
    for (int i = 0; i < 7276; i++) {
      big.append("    x = x * 7 + 1234;\n");
    }
    big.append("    return x;\n  }\n}\n");
    Path classes = ConfiguredFixtures.classes(dir, "big", Map.of("com/acme/big/Big.java", big.toString(),
        "app/Big.java", "package app; public class Big { public static void main(String[] a) {"
            + " System.out.println(com.acme.big.Big.crunch(1) == com.acme.big.Big.crunch(1)); } }"));
    Path file = entries("com.acme.big.Big#crunch = @Throttled(callsPerSecond=0.001, burst=1, maxWaitMillis=0)");
    Jvm.Result run = Jvm.withAgent("config=" + file, classes.toString(), "app.Big");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("true"), run.out().lines().toList(), run::toString);
    List<String> agent = run.err().lines().filter(line -> line.startsWith(PREFIX)).toList();
    assertEquals(2, agent.size(), run::toString);
    String tooLarge = "dev.warden.agent.shaded.net.bytebuddy.jar.asm.MethodTooLargeException";
    assertTrue(agent.get(0).startsWith(PREFIX + "ERROR cannot weave com.acme.big.Big (methods crunch); the class is"
        + " left unchanged: " + tooLarge), run::toString);
    assertTrue(agent.get(1).startsWith(PREFIX + "WARNING guard entry com.acme.big.Big#crunch (" + file + ") guarded"
        + " nothing: weaving com.acme.big.Big failed: " + tooLarge), run::toString);
  }

  /**
   * Review R3: a class-level entry whose every guard is replaced by method entries of the same kind
   * guards nothing, and the exit report gives that reason (not "selects only methods the agent
   * cannot guard").
   */
  @Test
  void reportsAtExitAClassLevelEntryReplacedByMethodEntries() throws IOException {
    Path classes = ConfiguredFixtures.classes(dir, "search", Map.of(
        "com/acme/sdk/Search.java", "package com.acme.sdk; public class Search {"
            + " public String find(String q) { return \"found \" + q; } }",
        "app/Search.java", "package app; public class Search { public static void main(String[] a) {"
            + " System.out.println(new com.acme.sdk.Search().find(\"x\")); } }"));
    Path file = entries("com.acme.sdk.Search = @Throttled(callsPerSecond=5) @CountCalls",
        "com.acme.sdk.Search#find = @Throttled(callsPerSecond=7) @CountCalls");
    Jvm.Result run = Jvm.withAgent("config=" + file, classes.toString(), "app.Search");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("found x"), run.out().lines().toList(), run::toString);
    assertEquals(List.of(PREFIX + "WARNING guard entry com.acme.sdk.Search (" + file + ") guarded nothing: every"
        + " guard it declares is replaced by method entries of the same kind (com.acme.sdk.Search#find(java.lang.String))"),
        run.err().lines().toList(), run::toString);
  }

  /**
   * Attached to a running JVM, the agent cannot guard a configured class loaded before: it warns at
   * once and at exit, and the class stays unguarded, while a configured class loaded afterwards is
   * guarded. Only the agent's lines are compared: attaching makes the JVM itself warn about class
   * data sharing and the jar's second {@code Boot-Class-Path} name.
   */
  @Test
  void warnsAboutAConfiguredClassLoadedBeforeAnAttachedAgent() throws IOException {
    Path file = entries("com.acme.sdk.Client#ping = @Throttled(callsPerSecond=0.001, burst=1, maxWaitMillis=0)",
        "com.acme.sdk.Client$Pool#borrow = @Throttled(callsPerSecond=0.001, burst=1, maxWaitMillis=0)");
    Jvm.Result run = Jvm.runWithFlags(Path.of(System.getProperty("java.home")),
        List.of("-Djdk.attach.allowAttachSelf=true",
            "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading"), // no JDK 21+ dynamic-agent warning
        attachClassPath, "app.Attach", Jvm.AGENT_JAR.toAbsolutePath().toString(), "config=" + file);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("pong", "pong", "connection", "pong",
        "dev.warden.runtime.ThrottledException: Rate limit of 'com.acme.sdk.Client$Pool#borrow' exceeded"),
        run.out().lines().toList(), run::toString);
    assertEquals(List.of(
        PREFIX + "WARNING class com.acme.sdk.Client was loaded before the agent started and is not guarded (start the"
            + " agent with -javaagent, first in the command line)",
        PREFIX + "WARNING guard entry com.acme.sdk.Client#ping (" + file + ") guarded nothing: class"
            + " com.acme.sdk.Client was loaded before the agent started"),
        run.err().lines().filter(line -> line.startsWith(PREFIX)).toList(), run::toString);
  }

  /**
   * Entries that guard nothing, each for another reason, and one that guards {@code Client#ping}.
   */
  private static Path reportEntries() throws IOException {
    return entries(
        "com.acme.sdk.Klient#send = @CountCalls",
        "com.acme.sdk.Client#sned = @CountCalls",
        "com.acme.sdk.Client#send(long) = @CountCalls",
        "com.acme.sdk.Special#send = @CountCalls",
        "com.acme.sdk.Client#ping = @CountCalls");
  }

  private static List<String> exitReport(Path file) {
    String in = " (" + file + ") guarded nothing: ";
    return List.of(
        PREFIX + "WARNING guard entry com.acme.sdk.Klient#send" + in + "class com.acme.sdk.Klient was never loaded",
        PREFIX + "WARNING guard entry com.acme.sdk.Client#sned" + in + noSned(),
        PREFIX + "WARNING guard entry com.acme.sdk.Client#send(long)" + in + noSendLong(),
        PREFIX + "WARNING guard entry com.acme.sdk.Special#send" + in + inherited());
  }

  private static String noSned() {
    return "com.acme.sdk.Client declares no method sned (it declares: send(java.lang.String), send(java.lang.String,"
        + " int), send(byte[]), publish(java.lang.String), publish(java.lang.String, int), receive(java.lang.String),"
        + " ping(), secret(), reveal(), seal(), lock(), peek(), flaky(int), attemptsMade(),"
        + " fetchAsync(java.lang.String), quote(java.lang.String), cachedQuote(java.lang.String, java.lang.Throwable),"
        + " upload(java.lang.String), download(java.lang.String))";
  }

  private static String noSendLong() {
    return "com.acme.sdk.Client#send(long) matches no overload (it declares: send(java.lang.String),"
        + " send(java.lang.String, int), send(byte[]))";
  }

  private static String inherited() {
    return "com.acme.sdk.Special#send is inherited from com.acme.sdk.Client; name that class";
  }

  /**
   * The JVM did not start the application, and the agent printed exactly {@code problems} (the
   * JVM's own report of the failed {@code -javaagent} follows on other lines).
   */
  private static void assertRefused(Jvm.Result run, List<String> problems) {
    assertNotEquals(0, run.exitCode(), run::toString);
    assertFalse(run.out().contains("PASS"), run::toString);
    List<String> expected = new ArrayList<>();
    problems.forEach(problem -> expected.add(PREFIX + problem));
    assertEquals(expected, run.err().lines().filter(line -> line.startsWith(PREFIX)).toList(), run::toString);
  }

  /** A new file of {@code lines} in the temporary directory. */
  private static Path entries(String... lines) throws IOException {
    return Files.write(dir.resolve("entries-" + ++files + ".properties"), List.of(lines));
  }
}
