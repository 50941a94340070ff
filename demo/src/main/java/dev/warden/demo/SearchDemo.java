package dev.warden.demo;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo: worker threads search through a {@link SearchClient} whose backend is slow and goes
 * through an outage, while a table per guard is printed every second; a summary ends the run.
 *
 * <p>Processor mode (default): the client is the generated {@code GuardedSearchService}. Agent
 * mode: when the JVM runs with {@code -javaagent:…warden-agent…jar}, the plain {@code
 * SearchService} is used and the agent guards it. Unannotated mode ({@code --unannotated}): the
 * workers call the never-annotated {@link SimulatedBackend} directly, and the agent guards it from
 * the entries of its {@code config=} file ({@code demo/demo-guards.properties}); without that
 * option the demo exits with status 2 and prints the command to use. {@code SearchService} is
 * never loaded in that mode. Options: {@code --seconds N} (default 10), {@code --workers N}
 * (default 6), {@code --unannotated}, {@code --jfr} (records Warden's JFR events of the run into
 * {@code warden-demo.jfr} in the working directory; see {@link FlightRecording}).
 *
 * <p>The backend's outage lasts until the search breaker has refused a call (see {@link
 * SimulatedBackend}), and the workers stop at the end of the run or when the backend has
 * recovered, whichever comes later: every run shows at least one opening and one rejection by the
 * breaker, on any machine.
 */
public final class SearchDemo {

  private static final List<String> ANNOTATED = List.of(
      "dev.warden.demo.SearchService#search", "dev.warden.demo.SearchService#suggest");
  private static final List<String> CONFIGURED = List.of(
      "dev.warden.demo.SimulatedBackend#search", "dev.warden.demo.SimulatedBackend#suggest");
  private static final String[] QUERIES = {"warden", "token bucket", "circuit breaker", "jvm", "virtual threads"};

  private SearchDemo() {}

  /** Runs the demo; see the class comment for the options. */
  public static void main(String[] args) throws InterruptedException, IOException {
    // Warden logs each breaker transition through System.Logger (java.util.logging here): one line each.
    System.setProperty("java.util.logging.SimpleFormatter.format", "  >> %5$s%n");
    Options options = Options.parse(args);
    String agent = wardenAgentArgument();
    String config = agent == null ? null : agentOption(agent, "config");
    if (options.unannotated() && config == null) {
      System.err.println("--unannotated needs the Warden agent with the demo's guard entries (config=);"
          + " from the repository root run:");
      System.err.println("  java -javaagent:" + agentJar(agent) + "=config=demo/demo-guards.properties"
          + " -jar demo/target/warden-demo.jar " + String.join(" ", args));
      System.exit(2);
    }
    List<String> guards = options.unannotated() ? CONFIGURED : ANNOTATED;
    SimulatedBackend backend =
        new SimulatedBackend(TimeUnit.SECONDS.toMillis(options.seconds()), () -> breakerRefused(guards.get(0)));
    SearchClient client;
    if (options.unannotated()) {
      client = direct(backend);
      System.out.printf("Warden demo — unannotated mode (SimulatedBackend, never annotated), %d workers, %d s%n",
          options.workers(), options.seconds());
      System.out.println("search, suggest: guarded by the entries of config=" + config
          + "; no fallbacks, so callers get the rejections");
    } else {
      client = annotated(backend, agent != null);
      System.out.printf("Warden demo — %s mode (%s), %d workers, %d s%n", agent != null ? "agent" : "processor",
          client.getClass().getSimpleName(), options.workers(), options.seconds());
      System.out.println("search: @CountCalls @Breaker(5 failures, 1 s cooldown, fallback cache)"
          + " @Throttled(60/s, burst 10, wait <= 20 ms, fallback)");
      System.out.println("suggest: @CountCalls @Throttled(30/s, burst 5, no wait, fallback)");
    }
    FlightRecording recording = options.jfr() ? FlightRecording.start(Path.of("warden-demo.jfr").toAbsolutePath()) : null;
    LongAdder opened = new LongAdder();
    Warden.addListener((breaker, from, to) -> {
      if (to == CircuitBreaker.State.OPEN) {
        opened.increment();
      }
    });

    Dashboard dashboard = new Dashboard(guards, System.out);
    Outcomes outcomes = new Outcomes(new LongAdder(), new LongAdder(), new LongAdder());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < options.workers(); i++) {
      Thread worker = new Thread(() -> work(client, backend, deadline, outcomes), "worker-" + i);
      worker.start();
      threads.add(worker);
    }
    long start = System.nanoTime();
    for (int second = 1; second <= options.seconds(); second++) {
      LockSupport.parkNanos(start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime());
      dashboard.print(String.format("%n[%2d s] backend %s", second, backend.phase()));
    }
    for (Thread worker : threads) {
      worker.join();
    }
    String answers = options.unannotated() ? "results" : "results or fallbacks";
    boolean consistent = summary(dashboard, guards, answers, outcomes, opened.sum());
    if (recording != null) {
      try (recording) {
        recording.report(System.out);
      }
    }
    if (!consistent) {
      System.exit(1);
    }
  }

  /**
   * The annotated service. It is created here, not in {@link #main}, so that the verifier never
   * needs {@code SearchService} in unannotated mode: an interface return type loads no class.
   */
  private static SearchClient annotated(SimulatedBackend backend, boolean agent) {
    if (agent) {
      return new SearchService(backend); // the agent weaves the plain class
    }
    return new GuardedSearchService(backend); // generated by the processor
  }

  /** The backend client itself, called as an application calls a library's client. */
  private static SearchClient direct(SimulatedBackend backend) {
    return new SearchClient() {
      @Override
      public List<String> search(String query) throws IOException {
        return backend.search(query);
      }

      @Override
      public List<String> suggest(String prefix) throws IOException {
        return backend.suggest(prefix);
      }
    };
  }

  /**
   * Whether the breaker of {@code guard} has refused a call; {@code true} if it has no breaker or no
   * counter (the summary reports a missing guard), so that the outage never outlasts the run then.
   */
  private static boolean breakerRefused(String guard) {
    return Warden.breaker(guard).isEmpty()
        || Warden.callStats(guard).map(stats -> stats.rejections(CircuitOpenException.class) > 0).orElse(true);
  }

  /** Calls until the end of the run, and on until the backend has recovered from its outage. */
  private static void work(SearchClient client, SimulatedBackend backend, long deadline, Outcomes outcomes) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() - deadline < 0 || !backend.recovering()) {
      String query = QUERIES[random.nextInt(QUERIES.length)];
      try {
        if (random.nextInt(4) == 0) {
          client.suggest(query.substring(0, 2));
        } else {
          client.search(query);
        }
        outcomes.answered().increment();
      } catch (GuardRejectedException e) {
        outcomes.rejected().increment(); // only without fallbacks: unannotated mode
      } catch (IOException e) {
        outcomes.errors().increment();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + random.nextInt(40))); // think time
    }
  }

  /** Prints the summary; returns whether every guard exists and its counts add up. */
  private static boolean summary(
      Dashboard dashboard, List<String> guards, String answers, Outcomes outcomes, long opened) {
    dashboard.print(String.format("%n=== Summary"));
    System.out.printf("callers got %d answers (%s), %d rejections and %d backend errors;"
        + " the circuit opened %d times%n", outcomes.answered().sum(), answers, outcomes.rejected().sum(),
        outcomes.errors().sum(), opened);
    boolean consistent = true;
    for (String guard : guards) {
      Optional<CallStats> found = Warden.callStats(guard);
      if (found.isEmpty()) {
        consistent = false;
        System.out.printf("%s: no such guard (MISSING)%n", guard);
        continue;
      }
      CallStats stats = found.get();
      boolean adds = stats.calls() == stats.successes() + stats.failures() + stats.rejections();
      consistent &= adds;
      System.out.printf("%s: calls %d = %d ok + %d failed + %d rejected%s%n", guard, stats.calls(),
          stats.successes(), stats.failures(), stats.rejections(), adds ? "" : "  (MISMATCH)");
    }
    return consistent;
  }

  /** The JVM's {@code -javaagent:…warden-agent…} argument, or {@code null}. */
  private static String wardenAgentArgument() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("warden-agent"))
        .findFirst()
        .orElse(null);
  }

  /** The value of the agent option {@code name} in {@code -javaagent:<jar>=<options>}, or {@code null}. */
  private static String agentOption(String agentArgument, String name) {
    int options = agentArgument.indexOf('=');
    if (options < 0) {
      return null;
    }
    for (String option : agentArgument.substring(options + 1).split(",")) {
      if (option.strip().startsWith(name + "=")) {
        return option.strip().substring(name.length() + 1);
      }
    }
    return null;
  }

  /** The agent jar of {@code agentArgument}, or the one this repository builds. */
  private static String agentJar(String agentArgument) {
    if (agentArgument != null) {
      int options = agentArgument.indexOf('=');
      return agentArgument.substring("-javaagent:".length(), options < 0 ? agentArgument.length() : options);
    }
    String version = SearchDemo.class.getPackage().getImplementationVersion();
    return "agent/target/warden-agent-" + (version == null ? "<version>" : version) + ".jar";
  }

  /** What the workers' calls came to. */
  private record Outcomes(LongAdder answered, LongAdder rejected, LongAdder errors) {}

  /** The command line: {@code --seconds N --workers N --unannotated --jfr}. */
  private record Options(int seconds, int workers, boolean unannotated, boolean jfr) {

    /** Parses the arguments; anything else is an error naming it. */
    static Options parse(String[] args) {
      Map<String, Integer> numbers = new HashMap<>(Map.of("--seconds", 10, "--workers", 6));
      boolean unannotated = false;
      boolean jfr = false;
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("--unannotated")) {
          unannotated = true;
          continue;
        }
        if (name.equals("--jfr")) {
          jfr = true;
          continue;
        }
        if (!numbers.containsKey(name)) {
          throw new IllegalArgumentException(
              "Unknown option '" + name + "'; options: --seconds N, --workers N, --unannotated, --jfr");
        }
        if (++i == args.length) {
          throw new IllegalArgumentException(name + " needs a number");
        }
        numbers.put(name, number(name, args[i]));
      }
      return new Options(numbers.get("--seconds"), numbers.get("--workers"), unannotated, jfr);
    }

    private static int number(String name, String text) {
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'", e);
      }
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, got " + value);
      }
      return value;
    }
  }
}
