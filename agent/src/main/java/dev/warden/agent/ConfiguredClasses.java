package dev.warden.agent;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.rules.EntryConflicts;
import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardEntries;
import dev.warden.runtime.rules.GuardEntry;
import dev.warden.runtime.rules.Overrides;
import dev.warden.runtime.rules.Values;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guard entries the agent applies: read at start-up from the {@code config=} file and from
 * the {@code warden.properties} the system class loader finds (there, every key not starting with
 * {@code warden.} is an entry; those are overrides), parsed and checked by the runtime's rules,
 * and indexed by class. Every invalid entry is reported, one line each, and the agent refuses to
 * start, as for a bad option. Also checked here, because they depend on what the agent weaves: a
 * class of the JDK (a {@code java.}, {@code jdk.} or {@code sun.} class, or one in a package of the
 * JDK's own modules, such as {@code javax.net.ssl}) or of Warden itself (its agent, runtime and
 * annotations), a class outside {@code packages=}, two entries that select the same method (or two
 * class-level entries of one class), and two entries that share a guard name but not its
 * configuration.
 *
 * <p>Reading and checking use only the rules, the annotation types and the JDK: no registry, no
 * JMX, no {@code System.Logger}, no Byte Buddy. Immutable after {@link #load}, apart from each
 * entry's outcome; thread-safe. {@link #forClass} allocates nothing: the transformer calls it for
 * every class.
 */
final class ConfiguredClasses {

  private static final String[] JDK_PACKAGES = {"java.", "jdk.", "sun."};
  private static final String[] WARDEN_PACKAGES = {"dev.warden.agent.", "dev.warden.runtime.", "dev.warden.annotations."};

  private final Map<String, ConfiguredClass> byInternalName;
  private final List<GuardEntry> inFileOrder;
  private final AgentLog log;

  private ConfiguredClasses(Map<String, ConfiguredClass> byInternalName, List<GuardEntry> inFileOrder, AgentLog log) {
    this.byInternalName = byInternalName;
    this.inFileOrder = inFileOrder;
    this.log = log;
  }

  /**
   * Reads, parses and checks the entries of the {@code config=} file and of the system class
   * loader's {@code warden.properties}. A {@code warden.properties} that cannot be read is logged
   * as an error (its overrides then fail every guarded method, as they do without the agent) and
   * contributes no entry.
   *
   * @throws IllegalArgumentException with one line per invalid entry, if any entry is invalid
   */
  static ConfiguredClasses load(AgentOptions options, AgentLog log) {
    List<GuardEntry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> jdkPackages = jdkPackages();
    if (options.config() != null) {
      read(options.config(), options, jdkPackages, entries, problems);
    }
    URL system = ClassLoader.getSystemResource(Overrides.RESOURCE);
    if (system != null) {
      read(system, options, jdkPackages, entries, problems, log);
    }
    overlaps(entries, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return index(entries, log);
  }

  private static void read(
      Path file, AgentOptions options, Set<String> jdkPackages, List<GuardEntry> entries, List<String> problems) {
    String source = file.toString();
    List<EntryReader.Pair> pairs;
    try (InputStream in = Files.newInputStream(file)) {
      pairs = EntryReader.read(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid warden-agent option: config file " + source
          + " cannot be read: " + e.getMessage(), e);
    }
    for (EntryReader.Pair pair : pairs) {
      if (GuardEntries.isEntryKey(pair.key())) {
        parse(pair, source, options, jdkPackages, entries, problems);
      } else {
        problems.add(invalid(pair.key() + " = " + pair.value(), source, "a key starting with warden. is an override;"
            + " overrides are read from system properties and warden.properties, not from the config file"));
      }
    }
  }

  private static void read(URL file, AgentOptions options, Set<String> jdkPackages, List<GuardEntry> entries,
      List<String> problems, AgentLog log) {
    String source = file.toString();
    List<EntryReader.Pair> pairs;
    try (InputStream in = file.openStream()) {
      pairs = EntryReader.read(in);
    } catch (IOException | IllegalArgumentException e) {
      // The runtime reports the same file, in the same words, for each guarded method that reads it.
      try {
        Overrides.read(null).rejectUnknownAttributes("");
      } catch (ConfigurationException unreadable) {
        log.error(unreadable.getMessage());
        return;
      }
      log.error("Invalid Warden overrides file " + source + ": " + e.getMessage());
      return;
    }
    for (EntryReader.Pair pair : pairs) {
      if (GuardEntries.isEntryKey(pair.key())) {
        parse(pair, source, options, jdkPackages, entries, problems);
      }
    }
  }

  private static void parse(EntryReader.Pair pair, String source, AgentOptions options, Set<String> jdkPackages,
      List<GuardEntry> entries, List<String> problems) {
    GuardEntry entry;
    try {
      entry = GuardEntries.parse(pair.key(), pair.value(), source);
    } catch (ConfigurationException e) {
      problems.add(e.getMessage());
      return;
    }
    boolean valid = true;
    for (GuardDeclaration declaration : entry.guards().values()) {
      try {
        Values.checkNumbers(declaration);
      } catch (ConfigurationException e) {
        problems.add(e.getMessage());
        valid = false;
      }
    }
    String className = entry.className();
    String notWoven = null;
    if (startsWithAny(className, JDK_PACKAGES) || jdkPackages.contains(packageOf(className))) {
      notWoven = "JDK classes cannot be guarded; guard your method that calls " + entry.selector();
    } else if (startsWithAny(className, WARDEN_PACKAGES)) {
      notWoven = "Warden's own classes cannot be guarded";
    } else if (!options.selects(className)) {
      notWoven = className + " is outside " + options.packagesOption() + "; add its package to packages= or remove"
          + " the entry";
    }
    if (notWoven != null) {
      problems.add(invalid(entry, notWoven));
    } else if (valid) {
      entries.add(entry);
    }
  }

  /**
   * The packages of the JDK's own modules ({@code java.*} and {@code jdk.*} in the boot layer), e.g.
   * {@code javax.net.ssl} and {@code com.sun.net.httpserver}: their classes are the JDK's loaders'.
   * A {@code javax.*} library on the class path is in no module of the boot layer.
   */
  private static Set<String> jdkPackages() {
    Set<String> packages = new HashSet<>();
    for (Module module : ModuleLayer.boot().modules()) {
      String name = module.getName();
      if (name.startsWith("java.") || name.startsWith("jdk.")) {
        packages.addAll(module.getPackages());
      }
    }
    return packages;
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  private static boolean startsWithAny(String className, String[] packages) {
    for (String prefix : packages) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reports each entry that selects a method an earlier entry selects, each second class-level
   * entry, and each entry that shares a guard name with an earlier one but not its configuration
   * ({@link EntryConflicts}); keeps the others, in order. An entry is compared only with the
   * earlier entries of its class and those creating one of its guard names, so thousands of
   * entries cost little.
   */
  private static void overlaps(List<GuardEntry> entries, List<String> problems) {
    // Built by identity, no record equals and no lambda: premain runs this, and should not start
    // the indy machinery.
    List<GuardEntry> kept = new ArrayList<>();
    Map<String, List<GuardEntry>> byClass = new HashMap<>();
    Map<String, List<GuardEntry>> byName = new HashMap<>();
    for (GuardEntry entry : entries) {
      List<String> names = EntryConflicts.names(entry);
      String problem = firstProblem(entry, byClass.get(entry.className()));
      for (int i = 0; problem == null && i < names.size(); i++) {
        problem = firstProblem(entry, byName.get(names.get(i)));
      }
      if (problem != null) {
        problems.add(invalid(entry, problem));
        continue;
      }
      kept.add(entry);
      index(byClass, entry.className(), entry);
      for (String name : names) {
        index(byName, name, entry);
      }
    }
    entries.clear();
    entries.addAll(kept);
  }

  private static String firstProblem(GuardEntry entry, List<GuardEntry> earlier) {
    if (earlier != null) {
      for (GuardEntry other : earlier) {
        String problem = problem(entry, other);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  private static void index(Map<String, List<GuardEntry>> index, String key, GuardEntry entry) {
    List<GuardEntry> list = index.get(key);
    if (list == null) {
      list = new ArrayList<>();
      index.put(key, list);
    }
    list.add(entry);
  }

  /** Why {@code entry} cannot be used with {@code earlier}, or {@code null}. */
  private static String problem(GuardEntry entry, GuardEntry earlier) {
    if (!overlap(entry, earlier)) {
      return EntryConflicts.conflict(entry, earlier);
    }
    if (entry.classLevel()) {
      return entry.className() + " already has the class-level entry '" + earlier.line() + "' (" + earlier.source()
          + "); give a class one class-level entry";
    }
    return "it selects a method that '" + earlier.line() + "' (" + earlier.source()
        + ") selects too; give each method one entry";
  }

  private static boolean overlap(GuardEntry a, GuardEntry b) {
    if (!a.className().equals(b.className()) || a.classLevel() != b.classLevel()) {
      return false;
    }
    return a.classLevel()
        || a.methodName().equals(b.methodName())
            && (a.parameterTypes() == null || b.parameterTypes() == null
                || a.parameterTypes().equals(b.parameterTypes()));
  }

  private static String invalid(GuardEntry entry, String problem) {
    return invalid(entry.line(), entry.source(), problem);
  }

  /** {@code Invalid guard entry '<text>' (<source>): <problem>}. */
  static String invalid(String text, String source, String problem) {
    return "Invalid guard entry '" + text + "' (" + source + "): " + problem;
  }

  private static ConfiguredClasses index(List<GuardEntry> entries, AgentLog log) {
    Map<String, List<GuardEntry>> byClass = new LinkedHashMap<>();
    for (GuardEntry entry : entries) { // no lambda: premain runs this, and should not start the lambda machinery
      byClass.putIfAbsent(entry.className(), new ArrayList<>());
      byClass.get(entry.className()).add(entry);
    }
    Set<String> supersededWarnings = ConcurrentHashMap.newKeySet();
    Map<String, ConfiguredClass> byInternalName = new HashMap<>();
    for (Map.Entry<String, List<GuardEntry>> e : byClass.entrySet()) {
      byInternalName.put(internalName(e.getKey()), new ConfiguredClass(e.getKey(), e.getValue(), log, supersededWarnings));
    }
    return new ConfiguredClasses(byInternalName, List.copyOf(entries), log);
  }

  private static String internalName(String className) {
    return className.replace('.', '/');
  }

  /** Whether there is no entry. */
  boolean isEmpty() {
    return inFileOrder.isEmpty();
  }

  /** The entries of the class of internal name {@code internalName}, or {@code null} if it has none. */
  ConfiguredClass forClass(String internalName) {
    return byInternalName.get(internalName);
  }

  /**
   * Warns about each configured class that was loaded before the agent started: it is not woven.
   * A configured class the JDK's loaders loaded is recorded as such.
   */
  void reportLoadedBefore(Instrumentation instrumentation) {
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    Set<ConfiguredClass> warned = new HashSet<>();
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      ConfiguredClass configured = byInternalName.get(internalName(loaded.getName()));
      if (configured == null) {
        continue;
      }
      if (loaded.getClassLoader() == null || loaded.getClassLoader() == platform) {
        configured.loadedByJdk();
      } else if (configured.loadedBefore() && warned.add(configured)) {
        log.warning("class " + configured.className() + " was loaded before the agent started and is not guarded"
            + " (start the agent with -javaagent, first in the command line)");
      }
    }
  }

  /** Registers the exit report: at shutdown, one warning per entry that guarded nothing, in file order. */
  void installExitReport() {
    Runtime.getRuntime().addShutdownHook(new Thread(new ExitReport(this), "warden-agent-report"));
  }

  /** One line per entry that guarded nothing (yet), in file order. */
  List<String> report() {
    List<String> lines = new ArrayList<>();
    for (GuardEntry entry : inFileOrder) {
      String reason = byInternalName.get(internalName(entry.className())).guardedNothing(entry);
      if (reason != null) {
        lines.add("guard entry " + entry.selector() + " (" + entry.source() + ") guarded nothing: " + reason);
      }
    }
    return lines;
  }

  /** Prints the exit report. */
  private static final class ExitReport implements Runnable {
    private final ConfiguredClasses classes;

    ExitReport(ConfiguredClasses classes) {
      this.classes = classes;
    }

    @Override
    public void run() {
      for (String line : classes.report()) {
        classes.log.warning(line);
      }
    }
  }
}
