package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Builds the jars of the configured-guards tests from the sources under {@code configured/} of the
 * test resources: {@code sdk.jar} (package {@code com.acme.sdk}, a named module on the module
 * path, compiled with no Warden class in reach, so it is never annotated) and the applications
 * compiled against it.
 */
final class ConfiguredFixtures {

  private ConfiguredFixtures() {}

  /** A source tree under {@code configured/}. */
  static Path sources(String tree) {
    return Jvm.fixtures().resolve("configured").resolve(tree);
  }

  /** The entries of {@code ConfiguredGuardsIT}. */
  static Path guards() {
    return sources("guards.properties");
  }

  /** Compiles {@code sdk/} (no class path, no processor) into {@code dir/sdk.jar}. */
  static Path sdkJar(Path dir) throws IOException {
    Path classes = dir.resolve("sdk-classes");
    compile(classes, List.of("-proc:none"), sources("sdk"));
    return jar(dir.resolve("sdk.jar"), classes);
  }

  /**
   * Compiles the source {@code trees} against {@code classPath} into {@code dir/<name>.jar}; with
   * {@code processor}, Warden's annotation processor runs and its wrappers are in the jar.
   */
  static Path appJar(Path dir, String name, String classPath, boolean processor, String... trees)
      throws IOException {
    return appJar(dir, name, classPath, processor, List.of(), trees);
  }

  /**
   * As {@link #appJar(Path, String, String, boolean, String...)}, and the compiled test classes
   * {@code shared} (top-level, no nested classes) are copied into the jar first, so the trees
   * compile against them and the jar runs without the test classes on its class path.
   */
  static Path appJar(Path dir, String name, String classPath, boolean processor, List<Class<?>> shared,
      String... trees) throws IOException {
    Path classes = dir.resolve(name + "-classes");
    for (Class<?> type : shared) {
      String file = type.getName().replace('.', '/') + ".class";
      Files.createDirectories(classes.resolve(file).getParent());
      Files.copy(Jvm.fixtures().resolve(file), classes.resolve(file));
    }
    List<String> options = new ArrayList<>(List.of("-cp", shared.isEmpty() ? classPath
        : classPath + File.pathSeparator + classes));
    if (processor) {
      options.addAll(List.of("-processorpath", System.getProperty("java.class.path"),
          "-processor", "dev.warden.processor.WardenProcessor"));
    } else {
      options.add("-proc:none");
    }
    Path[] roots = new Path[trees.length];
    for (int i = 0; i < trees.length; i++) {
      roots[i] = sources(trees[i]);
    }
    compile(classes, options, roots);
    return jar(dir.resolve(name + ".jar"), classes);
  }

  /** A jar holding one resource {@code name} with the bytes of {@code file}. */
  static Path resourceJar(Path jar, String name, Path file) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(name));
      out.write(Files.readAllBytes(file));
      out.closeEntry();
    }
    return jar;
  }

  /**
   * Compiles {@code sources} (path under the source root to text; no class path, no processor)
   * into the new directory {@code dir/<name>-classes}.
   */
  static Path classes(Path dir, String name, Map<String, String> sources) throws IOException {
    Path root = dir.resolve(name + "-src");
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = root.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
    }
    Path classes = dir.resolve(name + "-classes");
    compile(classes, List.of("-proc:none"), root);
    return classes;
  }

  private static void compile(Path classes, List<String> options, Path... roots) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("--release", "17", "-Xlint:-options", "-d", classes.toString()));
    arguments.addAll(options);
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(file -> file.toString().endsWith(".java")).forEach(file -> arguments.add(file.toString()));
      }
    }
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
    assertEquals(0, status, () -> "javac " + arguments);
  }

  private static Path jar(Path jar, Path classes) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
