package dev.warden.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the source tree {@link CompileCost} compiles: {@code classes} classes in ten packages,
 * each with two guarded methods (one {@code @Throttled @CountCalls}, one {@code @Breaker}) and one
 * unguarded method.
 */
final class SourceTree {

  static final int METHODS_PER_CLASS = 2;

  private SourceTree() {}

  /**
   * Writes the tree under {@code root}.
   *
   * @return the source files written
   */
  static List<Path> write(Path root, int classes) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      String pkg = "gen.p" + (i % 10);
      Path dir = root.resolve(pkg.replace('.', '/'));
      Files.createDirectories(dir);
      Path file = dir.resolve("Service" + i + ".java");
      Files.writeString(file, source(pkg, "Service" + i));
      files.add(file);
    }
    return files;
  }

  private static String source(String pkg, String name) {
    return "package " + pkg + ";\n\n"
        + "import dev.warden.annotations.Breaker;\n"
        + "import dev.warden.annotations.CountCalls;\n"
        + "import dev.warden.annotations.Throttled;\n"
        + "import java.io.IOException;\n"
        + "import java.util.List;\n\n"
        + "public class " + name + " {\n"
        + "  private final List<String> names;\n\n"
        + "  public " + name + "(List<String> names) {\n"
        + "    this.names = names;\n"
        + "  }\n\n"
        + "  @Throttled(callsPerSecond = 50, burst = 5, maxWaitMillis = 100)\n"
        + "  @CountCalls\n"
        + "  public String lookup(int index) throws IOException {\n"
        + "    if (index < 0) {\n"
        + "      throw new IOException(\"negative index \" + index);\n"
        + "    }\n"
        + "    return names.get(index % names.size());\n"
        + "  }\n\n"
        + "  @Breaker(failureThreshold = 3, cooldownMillis = 10_000)\n"
        + "  public <T extends Comparable<T>> T max(List<T> values) {\n"
        + "    T best = values.get(0);\n"
        + "    for (T value : values) {\n"
        + "      if (value.compareTo(best) > 0) {\n"
        + "        best = value;\n"
        + "      }\n"
        + "    }\n"
        + "    return best;\n"
        + "  }\n\n"
        + "  public int size() {\n"
        + "    return names.size();\n"
        + "  }\n"
        + "}\n";
  }
}
