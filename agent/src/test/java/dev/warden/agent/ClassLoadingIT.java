package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class loaders, registries, old class files, and the processor and agent together. */
class ClassLoadingIT {

  @Test
  void guardsAClassOfAChildLoaderThatSkipsTheApplicationLoader() {
    Jvm.Result run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.app.Main", "child-loader",
        Jvm.fixtures().toString());
    assertPass("child-loader", run);
  }

  @Test
  void keepsOneRegistryWithTheRuntimeAlsoOnTheApplicationClassPath() {
    String classPath = Jvm.classPath(Jvm.fixtures(), Jvm.runtimeClasses(), Jvm.annotationClasses());
    Jvm.Result run = Jvm.withAgent(null, classPath, "example.app.Main", "one-registry");
    assertPass("one-registry", run);
  }

  @Test
  void guardsEachCallOnceWhenTheProcessorWrapperRunsUnderTheAgent() {
    Jvm.Result run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.app.Main", "both-modes");
    assertPass("both-modes", run);
  }

  @Test
  void processorWrapperAloneGuardsEachCallOnce() {
    String classPath = Jvm.classPath(Jvm.fixtures(), Jvm.runtimeClasses(), Jvm.annotationClasses());
    Jvm.Result run = Jvm.run(Path.of(System.getProperty("java.home")), null, classPath, "example.app.Main", "both-modes");
    assertPass("both-modes", run);
  }

  @Test
  void leavesTheApplicationsOwnByteBuddyWorking() {
    String classPath = Jvm.classPath(Jvm.fixtures(), Jvm.classPathEntry("/byte-buddy-"));
    Jvm.Result run = Jvm.withAgent(null, classPath, "example.bb.OwnByteBuddy");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(
        List.of("made by the application's Byte Buddy", "own Byte Buddy from application loader: true",
            "Service#call calls: 1"),
        run.out().lines().toList(), run::toString);
  }

  @Test
  void weavesAClassCompiledForJava8(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("src/example/old/Old.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "package example.old;",
        "import dev.warden.annotations.*;",
        "import dev.warden.runtime.*;",
        "public class Old {",
        "  @CountCalls @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0, fallback = \"later\")",
        "  private static String call(int x) { return \"ran \" + x; }",
        "  private static String later(int x, Throwable t) { return \"fallback \" + x + \" \" + t.getClass().getSimpleName(); }",
        "  @CountCalls @Breaker(failureThreshold = 1)",
        "  public long fail(long x) { throw new IllegalStateException(\"x\" + x); }",
        "  public static void main(String[] args) {",
        "    System.out.println(call(1));",
        "    System.out.println(call(2));",
        "    Old old = new Old();",
        "    try { old.fail(1); } catch (IllegalStateException e) { System.out.println(e.getMessage()); }",
        "    try { old.fail(2); } catch (CircuitOpenException e) { System.out.println(\"open\"); }",
        "    System.out.println(Warden.callStats(\"example.old.Old#call\").get().calls()",
        "        + \" \" + Warden.callStats(\"example.old.Old#fail\").get().rejections());",
        "  }",
        "}",
        ""));
    Path classes = dir.resolve("classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "--release", "8", "-nowarn", "-proc:none", "-d", classes.toString(),
        "-cp", Jvm.classPath(Jvm.annotationClasses(), Jvm.runtimeClasses()), source.toString());
    assertEquals(0, status, "javac --release 8");
    try (InputStream in = Files.newInputStream(classes.resolve("example/old/Old.class"))) {
      byte[] header = in.readNBytes(8);
      assertEquals(52, header[7], "class file major version");
    }
    Jvm.Result run = Jvm.withAgent(null, classes.toString(), "example.old.Old");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("ran 1", "fallback 2 ThrottledException", "x1", "open", "2 1"), run.out().lines().toList(),
        run::toString);
  }

  @Test
  void startsSilentlyFromACopyNamedWardenAgentJar(@TempDir Path dir) throws IOException {
    Path copy = Files.copy(Jvm.AGENT_JAR, dir.resolve("warden-agent.jar"));
    Path java = Files.isExecutable(Jvm.JDK_25.resolve("bin/java")) ? Jvm.JDK_25 : Path.of(System.getProperty("java.home"));
    Jvm.Result run = Jvm.run(java, Jvm.agentFlag(copy, null), Jvm.fixtures().toString(), "example.app.Main", "both-modes");
    assertPass("both-modes", run);
    assertEquals("", run.err(), run::toString);
  }

  @Test
  void appendsAJarOfAnyOtherNameToTheBootstrapPathInPremain(@TempDir Path dir) throws IOException {
    Path copy = Files.copy(Jvm.AGENT_JAR, dir.resolve("guards.jar"));
    String classPath = Jvm.classPath(Jvm.fixtures(), Jvm.runtimeClasses(), Jvm.annotationClasses());
    Jvm.Result run = Jvm.run(Path.of(System.getProperty("java.home")), Jvm.agentFlag(copy, null), classPath,
        "example.app.Main", "one-registry");
    assertPass("one-registry", run);
  }

  private static void assertPass(String check, Jvm.Result run) {
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("PASS " + check), run.out().lines().toList(), run::toString);
  }
}
