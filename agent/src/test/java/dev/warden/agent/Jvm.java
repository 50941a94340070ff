package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a JVM (optionally with the packaged agent) on the test fixtures and captures its output. */
final class Jvm {

  static final Path AGENT_JAR = Path.of(System.getProperty("warden.agent.jar", "target/warden-agent.jar"));
  static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  /** Exit code and output of a finished JVM. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Jvm() {}

  /** The directory holding the compiled fixtures ({@code example.*}). */
  static Path fixtures() {
    try {
      return Path.of(example.app.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The entry of this test JVM's class path whose path contains {@code marker}, e.g. {@code warden-runtime}. */
  static Path classPathEntry(String... markers) {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String normalized = entry.replace(File.separatorChar, '/');
      for (String marker : markers) {
        if (normalized.contains(marker)) {
          return Path.of(entry);
        }
      }
    }
    throw new IllegalStateException("no class path entry with " + Arrays.toString(markers));
  }

  static Path runtimeClasses() {
    return classPathEntry("/warden-runtime-", "/runtime/target/classes");
  }

  static Path annotationClasses() {
    return classPathEntry("/warden-annotations-", "/annotations/target/classes");
  }

  static String classPath(Path... entries) {
    List<String> paths = new ArrayList<>();
    for (Path entry : entries) {
      paths.add(entry.toString());
    }
    return String.join(File.pathSeparator, paths);
  }

  /** Runs {@code java -javaagent:<agent jar>[=options] -cp classPath main args} on the test's JDK. */
  static Result withAgent(String options, String classPath, String main, String... args) {
    return run(Path.of(System.getProperty("java.home")), agentFlag(options), classPath, main, args);
  }

  static String agentFlag(String options) {
    return agentFlag(AGENT_JAR, options);
  }

  static String agentFlag(Path jar, String options) {
    assertTrue(Files.isRegularFile(jar), "agent jar not built: " + jar);
    return "-javaagent:" + jar.toAbsolutePath() + (options == null ? "" : "=" + options);
  }

  /** Runs {@code javaHome/bin/java [jvmFlag] -cp classPath main args}; {@code jvmFlag} may be null. */
  static Result run(Path javaHome, String jvmFlag, String classPath, String main, String... args) {
    return runWithFlags(javaHome, jvmFlag == null ? List.of() : List.of(jvmFlag), classPath, main, args);
  }

  /** Runs {@code javaHome/bin/java jvmFlags -cp classPath main args}. */
  static Result runWithFlags(Path javaHome, List<String> jvmFlags, String classPath, String main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", classPath, main));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("jvm", ".out");
      Path err = Files.createTempFile("jvm", ".err");
      try {
        Process process = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("JVM did not finish in 90 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
