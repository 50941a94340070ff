package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.runtime.rules.GuardEntry;
import dev.warden.runtime.rules.MethodShape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guard entries as the agent reads them at start-up (every invalid entry reported, one line each)
 * and what it records of each: guarded, superseded by annotations, or why it guarded nothing.
 * No JVM is forked; the entries' rules are the runtime's.
 */
class ConfiguredClassesTest {

  @TempDir Path dir;

  private ConfiguredClasses load(String options, String... lines) throws IOException {
    Path file = Files.write(dir.resolve("guards.properties"), List.of(lines));
    return ConfiguredClasses.load(AgentOptions.parse(options + "config=" + file), new AgentLog(false));
  }

  private String source() {
    return dir.resolve("guards.properties").toAbsolutePath().toString();
  }

  private List<String> problems(String options, String... lines) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(options, lines));
    return e.getMessage().lines().toList();
  }

  private static MethodShape method(String className, String name, String... parameterTypes) {
    return new MethodShape(className, name, List.of(parameterTypes), "void",
        new MethodShape.Flags(false, true, false, false, false, false, false, false, false, false));
  }

  @Test
  void indexesEntriesByInternalClassNameInFileOrder() throws IOException {
    ConfiguredClasses classes = load("",
        "# an SDK client",
        "com.acme.sdk.Client#send(java.lang.String, int) = @Throttled(callsPerSecond=5, burst=10)",
        "com.acme.sdk.Client$Pool#borrow = @Bulkhead(maxConcurrent=8) \\",
        "    @CountCalls",
        "com.acme.sdk.Client#close = @CountCalls");
    ConfiguredClass client = classes.forClass("com/acme/sdk/Client");
    assertNotNull(client);
    assertNull(classes.forClass("com.acme.sdk.Client"));
    assertNull(classes.forClass("com/acme/sdk/Other"));
    GuardEntry send = client.own(method("com.acme.sdk.Client", "send", "java.lang.String", "int"));
    assertEquals("com.acme.sdk.Client#send(java.lang.String, int)", send.selector());
    assertEquals(source(), send.source());
    assertNull(client.own(method("com.acme.sdk.Client", "send", "java.lang.String")));
    assertNull(client.onType());
    GuardEntry borrow = classes.forClass("com/acme/sdk/Client$Pool").own(method("com.acme.sdk.Client$Pool", "borrow"));
    assertEquals(2, borrow.guards().size());
    assertEquals(List.of(
            "guard entry com.acme.sdk.Client#send(java.lang.String, int) (" + source()
                + ") guarded nothing: class com.acme.sdk.Client was never loaded",
            "guard entry com.acme.sdk.Client$Pool#borrow (" + source()
                + ") guarded nothing: class com.acme.sdk.Client$Pool was never loaded",
            "guard entry com.acme.sdk.Client#close (" + source()
                + ") guarded nothing: class com.acme.sdk.Client was never loaded"),
        classes.report());
  }

  @Test
  void reportsEveryInvalidEntryOnItsOwnLine() {
    String s = source();
    assertEquals(List.of(
            "Invalid guard entry 'com.acme.sdk.Client#send = @Throttled(burts=10)' (" + s + "): @Throttled has no"
                + " attribute 'burts'; known: burst, callsPerSecond, fallback, maxWaitMillis, name",
            "Invalid @Throttled(burst=0) on com.acme.sdk.Client#fetch in " + s + ": burst must be >= 1, got 0",
            "Invalid guard entry 'java.util.ArrayList#add = @CountCalls' (" + s + "): JDK classes cannot be guarded;"
                + " guard your method that calls java.util.ArrayList#add",
            "Invalid guard entry 'dev.warden.runtime.Warden#names = @CountCalls' (" + s + "): Warden's own classes"
                + " cannot be guarded",
            "Invalid guard entry 'org.other.Client#send = @CountCalls' (" + s + "): org.other.Client is outside"
                + " packages=com.acme; add its package to packages= or remove the entry",
            "Invalid guard entry 'warden.com.acme.sdk.Client#send.burst = 3' (" + s + "): a key starting with warden."
                + " is an override; overrides are read from system properties and warden.properties, not from the"
                + " config file",
            "Invalid guard entry 'com.acme.sdk.Client#send(java.lang.String) = @CountCalls' (" + s + "): it selects"
                + " a method that 'com.acme.sdk.Client#send = @CountCalls' (" + s + ") selects too; give each method"
                + " one entry",
            "Invalid guard entry 'com.acme.sdk.Client#send(int) = @CountCalls' (" + s + "): it selects a method that"
                + " 'com.acme.sdk.Client#send = @CountCalls' (" + s + ") selects too; give each method one entry",
            "Invalid guard entry 'com.acme.sdk.Search = @CountCalls' (" + s + "): com.acme.sdk.Search already has"
                + " the class-level entry 'com.acme.sdk.Search = @Breaker' (" + s + "); give a class one class-level"
                + " entry"),
        problems("packages=com.acme,",
            "com.acme.sdk.Client#send = @Throttled(burts=10)",
            "com.acme.sdk.Client#fetch = @Throttled(callsPerSecond=1, burst=0)",
            "java.util.ArrayList#add = @CountCalls",
            "dev.warden.runtime.Warden#names = @CountCalls",
            "org.other.Client#send = @CountCalls",
            "warden.com.acme.sdk.Client#send.burst = 3",
            "com.acme.sdk.Client#send = @CountCalls",
            "com.acme.sdk.Client#send(java.lang.String) = @CountCalls",
            "com.acme.sdk.Client#send(int) = @CountCalls",
            "com.acme.sdk.Search = @Breaker",
            "com.acme.sdk.Search = @CountCalls"));
  }

  /** A repeated key is not silently replaced by the later one: both entries are read, and they overlap. */
  @Test
  void aRepeatedKeyIsAnOverlapNotAReplacement() {
    String s = source();
    assertEquals(List.of("Invalid guard entry 'com.acme.Client#send = @Breaker' (" + s + "): it selects a method that"
            + " 'com.acme.Client#send = @CountCalls' (" + s + ") selects too; give each method one entry"),
        problems("", "com.acme.Client#send = @CountCalls", "com.acme.Client#send = @Breaker"));
  }

  /**
   * Second review N5: entries are compared only with those of their class and those creating one of
   * their guard names, so conflicts are still found between classes (an explicit name equal to
   * another entry's default name) and in a file of thousands of entries, each reported once.
   */
  @Test
  void sharedNamesConflictAcrossClassesAmongThousandsOfEntries() {
    String s = source();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.add("com.acme.gen.Client" + i + "#send = @Throttled(callsPerSecond=" + (i + 1) + ")");
    }
    lines.add("com.acme.other.Gateway#post = @Throttled(callsPerSecond=2, name=\"com.acme.gen.Client7#send\")");
    lines.add("com.acme.other.Gateway#put = @Throttled(callsPerSecond=8, name=\"com.acme.gen.Client7#send\")");
    lines.add("com.acme.gen.Client42#send(int) = @Throttled(callsPerSecond=1)");
    assertEquals(List.of(
            "Invalid guard entry 'com.acme.other.Gateway#post = @Throttled(callsPerSecond=2,"
                + " name=\"com.acme.gen.Client7#send\")' (" + s + "): @Throttled(name=\"com.acme.gen.Client7#send\") on"
                + " com.acme.other.Gateway#post shares its guard with 'com.acme.gen.Client7#send ="
                + " @Throttled(callsPerSecond=8)' (" + s + ") but has a different configuration (callsPerSecond=2.0 vs"
                + " 8.0): declarations sharing a name must agree; give one a name=\"...\" of its own or make them agree",
            "Invalid guard entry 'com.acme.gen.Client42#send(int) = @Throttled(callsPerSecond=1)' (" + s + "): it"
                + " selects a method that 'com.acme.gen.Client42#send = @Throttled(callsPerSecond=43)' (" + s + ")"
                + " selects too; give each method one entry"),
        problems("", lines.toArray(new String[0])));
  }

  @Test
  void javaxAndComSunLibrariesAndWardensOwnExamplesMayBeConfigured() throws IOException {
    ConfiguredClasses classes = load("", "javax.mail.Transport#send = @CountCalls",
        "com.sun.jersey.Client#get = @CountCalls", "dev.warden.demo.SimulatedBackend#search = @CountCalls");
    assertNotNull(classes.forClass("javax/mail/Transport"));
    assertNotNull(classes.forClass("com/sun/jersey/Client"));
    assertNotNull(classes.forClass("dev/warden/demo/SimulatedBackend"));
  }

  @Test
  void noConfigFileMeansNoEntries() {
    ConfiguredClasses classes = ConfiguredClasses.load(AgentOptions.parse(null), new AgentLog(false));
    assertEquals(true, classes.isEmpty());
    assertNull(classes.forClass("com/acme/Client"));
  }

  @Test
  void recordsWhyEachEntryGuardedNothing() throws IOException {
    String c = "com.acme.sdk.Client";
    ConfiguredClasses classes = load("",
        c + "#sned = @CountCalls",
        c + "#send(byte[]) = @CountCalls",
        c + "#close = @CountCalls",
        c + "#poll = @CountCalls",
        c + "#send(java.lang.String) = @CountCalls",
        "com.acme.sdk.Later#run = @CountCalls",
        "com.acme.boot.Context#lookup = @CountCalls");
    ConfiguredClass client = classes.forClass("com/acme/sdk/Client");
    MethodShape send = method(c, "send", "java.lang.String");
    MethodShape sendInt = method(c, "send", "java.lang.String", "int");
    MethodShape poll = method(c, "poll");
    client.matched(client.own(send));
    client.skipped(client.own(poll), poll, "is abstract: the agent weaves method bodies");
    client.classSeen(List.of(send, sendInt, poll), () -> List.of(method("com.acme.sdk.BaseClient", "close")),
        List.of(), List.of());
    classes.forClass("com/acme/boot/Context").loadedByJdk();
    String s = " (" + source() + ") guarded nothing: ";
    assertEquals(List.of(
            "guard entry " + c + "#sned" + s + c + " declares no method sned (it declares: send(java.lang.String),"
                + " send(java.lang.String, int), poll())",
            "guard entry " + c + "#send(byte[])" + s + c + "#send(byte[]) matches no overload (it declares:"
                + " send(java.lang.String), send(java.lang.String, int))",
            "guard entry " + c + "#close" + s + c + "#close is inherited from com.acme.sdk.BaseClient; name that class",
            "guard entry " + c + "#poll" + s + c + "#poll() is abstract: the agent weaves method bodies",
            "guard entry com.acme.sdk.Later#run" + s + "class com.acme.sdk.Later was never loaded",
            "guard entry com.acme.boot.Context#lookup" + s + "class com.acme.boot.Context was loaded by the JDK's class"
                + " loader, whose classes the agent does not weave"),
        classes.report());
  }

  /** A copy of the class in another loader that matches wins over one that did not. */
  @Test
  void theBestOutcomeOfAnyLoaderCounts() throws IOException {
    ConfiguredClasses classes = load("", "com.acme.Client#send = @CountCalls");
    ConfiguredClass client = classes.forClass("com/acme/Client");
    MethodShape send = method("com.acme.Client", "send");
    client.classSeen(List.of(), List::of, List.of(), List.of());
    assertEquals(1, classes.report().size());
    client.matched(client.own(send));
    client.classSeen(List.of(send), List::of, List.of(), List.of());
    client.classSeen(List.of(), List::of, List.of(), List.of());
    assertEquals(List.of(), classes.report());
  }

  @Test
  void warnsOncePerEntryAndMethodThatAnnotationsWin() throws IOException {
    ConfiguredClasses classes = load("", "com.acme.Client#send = @CountCalls");
    ConfiguredClass client = classes.forClass("com/acme/Client");
    MethodShape send = method("com.acme.Client", "send", "int");
    List<String> err = stderr(() -> {
      client.superseded(client.own(send), send);
      client.superseded(client.own(send), send);
      client.superseded(client.own(send), method("com.acme.Client", "send", "long"));
    });
    String prefix = "[warden-agent] WARNING guard entry com.acme.Client#send (" + source() + ") is not applied to ";
    String suffix = ": the method carries Warden annotations, which win; tune them with warden.<name>.<attribute> overrides";
    assertEquals(List.of(prefix + "com.acme.Client#send(int)" + suffix, prefix + "com.acme.Client#send(long)" + suffix), err);
    assertEquals(List.of(), classes.report());
  }

  @Test
  void verboseLogsEachSkippedEntryAsItIsSkipped() throws IOException {
    Path file = Files.write(dir.resolve("guards.properties"),
        List.of("com.acme.Client#sned = @CountCalls", "com.acme.boot.Context#lookup = @CountCalls"));
    ConfiguredClasses classes =
        ConfiguredClasses.load(AgentOptions.parse("verbose=true,config=" + file), new AgentLog(true));
    List<String> err = stderr(() -> {
      classes.forClass("com/acme/Client").classSeen(List.of(method("com.acme.Client", "send")), List::of, List.of(),
          List.of());
      classes.forClass("com/acme/boot/Context").loadedByJdk();
    });
    assertEquals(List.of(
            "[warden-agent] skipped guard entry com.acme.Client#sned (" + file + "): com.acme.Client declares no"
                + " method sned (it declares: send())",
            "[warden-agent] skipped guard entry com.acme.boot.Context#lookup (" + file + "): class com.acme.boot.Context"
                + " was loaded by the JDK's class loader, whose classes the agent does not weave"),
        err);
  }

  @Test
  void theSameEntryObjectIsHandedOutForEachOverload() throws IOException {
    ConfiguredClass client = load("", "com.acme.Client#send = @CountCalls").forClass("com/acme/Client");
    assertSame(client.own(method("com.acme.Client", "send")), client.own(method("com.acme.Client", "send", "int")));
  }

  /**
   * The agent's choice per method of a real class: annotations win (warned), a method entry
   * replaces the class-level entry kind by kind, the class-level entry applies where a type-level
   * annotation would, and abstract and native methods are skipped.
   */
  @Test
  void guardedMethodsApplyEntriesWhereNoAnnotationDoes() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path source = Files.createDirectories(dir.resolve("src/cfg")).resolve("Subject.java");
    Files.writeString(source, String.join("\n",
        "package cfg;",
        "public abstract class Subject {",
        "  @dev.warden.annotations.CountCalls public String annotated() { return \"\"; }",
        "  public String plain(String s) { return s; }",
        "  public String plain(int i) { return \"\"; }",
        "  public static String ping() { return \"\"; }",
        "  public abstract void todo();",
        "  public native void nat();",
        "}",
        ""));
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), source.toString()), "javac");
    ConfiguredClasses configured = load("",
        "cfg.Subject = @Throttled(callsPerSecond=1)",
        "cfg.Subject#annotated = @Breaker",
        "cfg.Subject#plain(int) = @Throttled(callsPerSecond=2) @Breaker",
        "cfg.Subject#todo = @CountCalls",
        "cfg.Subject#nat = @CountCalls",
        "cfg.Subject#ping = @CountCalls");
    TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(),
        new ClassFileLocator.Compound(new ClassFileLocator.ForFolder(classes.toFile()),
            ClassFileLocator.ForClassLoader.of(getClass().getClassLoader())),
        TypePool.Default.ReaderMode.FAST);
    List<String> guarded = new ArrayList<>();
    List<String> err = stderr(() -> {
      List<GuardedMethod> methods = GuardedMethods.of(pool.describe("cfg.Subject").resolve(), pool,
          getClass().getClassLoader(), configured.forClass("cfg/Subject"));
      configured.forClass("cfg/Subject").woven(methods);
      for (GuardedMethod method : methods) {
        guarded.add(method.method().getName() + method.method().getDescriptor() + " own="
            + (method.own() == null ? null : method.own().selector())
            + " onType=" + (method.onType() == null ? null : method.onType().selector()) + " " + method.problem());
      }
    });
    assertEquals(List.of(
            "annotated()Ljava/lang/String; own=null onType=null null",
            "plain(Ljava/lang/String;)Ljava/lang/String; own=null onType=cfg.Subject null",
            "plain(I)Ljava/lang/String; own=cfg.Subject#plain(int) onType=null null",
            "ping()Ljava/lang/String; own=cfg.Subject#ping onType=null null"),
        guarded);
    String s = " (" + source() + ") ";
    String wins = ": the method carries Warden annotations, which win; tune them with warden.<name>.<attribute> overrides";
    assertEquals(List.of(
            "[warden-agent] WARNING guard entry cfg.Subject#annotated" + s + "is not applied to cfg.Subject#annotated()"
                + wins,
            "[warden-agent] WARNING guard entry cfg.Subject" + s + "is not applied to cfg.Subject#annotated()" + wins),
        err);
    assertEquals(List.of(
            "guard entry cfg.Subject#todo" + s + "guarded nothing: cfg.Subject#todo() is abstract: the agent weaves"
                + " method bodies",
            "guard entry cfg.Subject#nat" + s + "guarded nothing: cfg.Subject#nat() is native: the agent weaves method"
                + " bodies and a native method has none"),
        configured.report());
  }

  private static List<String> stderr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
