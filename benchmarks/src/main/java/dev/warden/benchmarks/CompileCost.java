package dev.warden.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compile-time cost of the processor: {@code javac} (a fresh JVM each time, as a build would start
 * it) compiles a generated tree of 500 classes with 1,000 guarded methods, with {@code -proc:none}
 * and with the Warden processor on the processor path, alternating, after one discarded run of
 * each. Reports the medians and their ratio, and checks that the processor did generate a wrapper
 * per class. A third variant compiles the same tree plus the wrappers the processor generated, as
 * plain sources with {@code -proc:none}: it splits the cost into compiling the generated code and
 * running the processor itself; a fourth, {@link ControlProcessor}, shows what javac charges for any
 * processor that generates a class per class.
 */
public final class CompileCost {

  static final int CLASSES = 500;

  private CompileCost() {}

  /**
   * Prints the Markdown report for {@code args[0]} compilations per variant (default 5).
   *
   * @throws Exception if javac fails
   */
  public static void main(String[] args) throws Exception {
    System.out.print(run(args.length > 0 ? Integer.parseInt(args[0]) : 5));
  }

  /** Runs {@code compiles} compilations per variant and returns the Markdown report. */
  static String run(int compiles) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("warden-compile-cost");
    try {
      List<Path> sources = SourceTree.write(work.resolve("src"), CLASSES);
      Path list = work.resolve("sources.txt");
      Files.write(list, sources.stream().map(Path::toString).collect(Collectors.toList()));
      Path plainOut = work.resolve("plain");
      Path processedOut = work.resolve("processed");
      List<String> plain = javac(plainOut, list, "-proc:none");
      Path generated = work.resolve("generated");
      Files.createDirectories(generated);
      List<String> processed = javac(processedOut, list, "-processorpath", processorPath(), "-s", generated.toString());
      Processes.run(plain);
      Processes.run(processed);
      long wrappers = countWrappers(processedOut);
      Path withGenerated = work.resolve("sources-and-generated.txt");
      try (Stream<Path> files = Files.walk(generated)) {
        List<String> all = new ArrayList<>(Files.readAllLines(list));
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> all.add(f.toString()));
        Files.write(withGenerated, all);
      }
      List<String> pregenerated = javac(work.resolve("pregenerated"), withGenerated, "-proc:none");
      Processes.run(pregenerated);
      List<String> control = javac(work.resolve("control"), list, "-processorpath", ownJar(),
          "-processor", ControlProcessor.class.getName(), "-s", Files.createDirectories(work.resolve("control-src")).toString());
      Processes.run(control);
      if (wrappers < CLASSES) {
        return "Not measured: the processor on " + processorPath() + " generated " + wrappers
            + " Guarded… classes for " + CLASSES + " annotated classes.\n";
      }
      double[] without = new double[compiles];
      double[] with = new double[compiles];
      double[] sourcesOnly = new double[compiles];
      double[] controlled = new double[compiles];
      for (int i = 0; i < compiles; i++) {
        without[i] = Processes.run(plain).nanos() / 1e6;
        with[i] = Processes.run(processed).nanos() / 1e6;
        sourcesOnly[i] = Processes.run(pregenerated).nanos() / 1e6;
        controlled[i] = Processes.run(control).nanos() / 1e6;
      }
      double ratio = Stats.median(with) / Stats.median(without);
      return String.format(Locale.ROOT,
          "javac of %d classes with %d guarded methods (%d Guarded… wrappers generated), %d runs each, alternating:%n%n"
              + "| | median ms | min ms | max ms |%n|---|---:|---:|---:|%n"
              + "| `-proc:none` | %.0f | %.0f | %.0f |%n| with warden-processor | %.0f | %.0f | %.0f |%n"
              + "| `-proc:none`, tree + the generated wrappers as sources | %.0f | %.0f | %.0f |%n"
              + "| control: a trivial processor writing an empty subclass per class | %.0f | %.0f | %.0f |%n%n"
              + "Ratio of medians: **%.3f×** (goal ≤ 1.25×: %s). Compiling the generated wrappers alone "
              + "(third row) is %.3f× `-proc:none`; any processor that generates a class per class (fourth row) "
              + "costs %.3f×.%n",
          CLASSES, CLASSES * SourceTree.METHODS_PER_CLASS, wrappers, compiles,
          Stats.median(without), Stats.min(without), Stats.max(without),
          Stats.median(with), Stats.min(with), Stats.max(with),
          Stats.median(sourcesOnly), Stats.min(sourcesOnly), Stats.max(sourcesOnly),
          Stats.median(controlled), Stats.min(controlled), Stats.max(controlled),
          ratio, ratio <= 1.25 ? "met" : "missed",
          Stats.median(sourcesOnly) / Stats.median(without),
          Stats.median(controlled) / Stats.median(without));
    } finally {
      deleteTree(work);
    }
  }

  /** The processor with its dependencies and the runtime it validates values with. */
  private static String processorPath() {
    return BuildPaths.PROCESSOR_PATH + java.io.File.pathSeparator + BuildPaths.WARDEN_CLASSPATH;
  }

  /** The benchmarks jar, which holds {@link ControlProcessor}. */
  private static String ownJar() {
    return java.nio.file.Path.of(ControlProcessor.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
  }

  private static List<String> javac(Path out, Path sourceList, String... processorOptions) {
    List<String> command = new ArrayList<>(List.of(Processes.jdkTool("javac"), "-d", out.toString(),
        "-cp", BuildPaths.WARDEN_CLASSPATH, "--release", "17"));
    command.addAll(List.of(processorOptions));
    command.add("@" + sourceList);
    return command;
  }

  private static long countWrappers(Path out) throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(f -> f.getFileName().toString().matches("GuardedService\\d+\\.class")).count();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(file);
      }
    }
  }
}
