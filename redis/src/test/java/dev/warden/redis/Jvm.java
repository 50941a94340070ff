package dev.warden.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a JVM of its own with this module and its run-time dependencies, on the class path (the
 * test classes included) or on the module path (the test classes on the class path).
 */
final class Jvm {

  private Jvm() {}

  /**
   * Starts {@code main} with everything on the class path; its output and errors are one stream.
   *
   * @param main the main class, from the test classes
   * @param args its arguments
   * @return the process
   */
  static Process onClassPath(Class<?> main, String... args) {
    return start(List.of("-cp", String.join(File.pathSeparator,
        property("redistest.testClasses"), property("redistest.classes"),
        property("redistest.runtimePath"))), main, args);
  }

  /**
   * Starts {@code main} with this module and its dependencies on the module path, resolved from
   * {@code dev.warden.redis}, and only the test classes on the class path.
   *
   * @param main the main class, from the test classes, in a package of no module
   * @param args its arguments
   * @return the process
   */
  static Process onModulePath(Class<?> main, String... args) {
    return start(List.of(
        "--module-path", property("redistest.classes") + File.pathSeparator + property("redistest.runtimePath"),
        "--add-modules", "dev.warden.redis",
        "-cp", property("redistest.testClasses")), main, args);
  }

  private static Process start(List<String> paths, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Short-lived JVMs sharing a busy machine: a quick start and one GC thread.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(paths);
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException(name + " is not set: run the tests with Maven (see redis/README.md)");
    }
    return value;
  }
}
