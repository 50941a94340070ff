package dev.warden.demo;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo: worker threads search through a {@link SearchService} whose backend is slow and goes
 * through an outage, while a table per guard is printed every second; a summary ends the run.
 *
 * <p>Processor mode (default): the service is the generated {@code GuardedSearchService}. Agent
 * mode: when the JVM runs with {@code -javaagent:…warden-agent…jar}, the plain {@code
 * SearchService} is used and the agent guards it. Options: {@code --seconds N} (default 10),
 * {@code --workers N} (default 6).
 */
public final class SearchDemo {

  private static final String SEARCH = "dev.warden.demo.SearchService#search";
  private static final String SUGGEST = "dev.warden.demo.SearchService#suggest";
  private static final String[] QUERIES = {"warden", "token bucket", "circuit breaker", "jvm", "virtual threads"};

  private SearchDemo() {}

  /** Runs the demo; see the class comment for the options. */
  public static void main(String[] args) throws InterruptedException {
    // Warden logs each breaker transition through System.Logger (java.util.logging here): one line each.
    System.setProperty("java.util.logging.SimpleFormatter.format", "  >> %5$s%n");
    Map<String, Integer> options = options(args);
    int seconds = options.get("--seconds");
    int workers = options.get("--workers");
    boolean agent = agentAttached();
    SimulatedBackend backend = new SimulatedBackend(TimeUnit.SECONDS.toMillis(seconds));
    SearchService service = agent ? new SearchService(backend) : new GuardedSearchService(backend);

    System.out.printf("Warden demo — %s mode (%s), %d workers, %d s%n", agent ? "agent" : "processor",
        service.getClass().getSimpleName(), workers, seconds);
    System.out.println("search: @CountCalls @Breaker(5 failures, 1 s cooldown, fallback cache)"
        + " @Throttled(60/s, burst 10, wait <= 20 ms, fallback)");
    System.out.println("suggest: @CountCalls @Throttled(30/s, burst 5, no wait, fallback)");
    LongAdder opened = new LongAdder();
    Warden.addListener((breaker, from, to) -> {
      if (to == CircuitBreaker.State.OPEN) {
        opened.increment();
      }
    });

    Dashboard dashboard = new Dashboard(List.of(SEARCH, SUGGEST), System.out);
    LongAdder answered = new LongAdder();
    LongAdder errors = new LongAdder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      Thread worker = new Thread(() -> work(service, deadline, answered, errors), "worker-" + i);
      worker.start();
      threads.add(worker);
    }
    long start = System.nanoTime();
    for (int second = 1; second <= seconds; second++) {
      LockSupport.parkNanos(start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime());
      dashboard.print(String.format("%n[%2d s] backend %s", second, backend.phase()));
    }
    for (Thread worker : threads) {
      worker.join();
    }
    if (!summary(dashboard, answered.sum(), errors.sum(), opened.sum())) {
      System.exit(1);
    }
  }

  private static void work(SearchService service, long deadline, LongAdder answered, LongAdder errors) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() - deadline < 0) {
      String query = QUERIES[random.nextInt(QUERIES.length)];
      try {
        if (random.nextInt(4) == 0) {
          service.suggest(query.substring(0, 2));
        } else {
          service.search(query);
        }
        answered.increment();
      } catch (IOException e) {
        errors.increment();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + random.nextInt(40))); // think time
    }
  }

  /** Prints the summary; returns whether every guard's counts add up. */
  private static boolean summary(Dashboard dashboard, long answered, long errors, long opened) {
    dashboard.print(String.format("%n=== Summary"));
    System.out.printf("callers got %d answers (results or fallbacks) and %d backend errors;"
        + " the circuit opened %d times%n", answered, errors, opened);
    boolean consistent = true;
    for (String guard : List.of(SEARCH, SUGGEST)) {
      CallStats stats = Warden.callStats(guard).orElseThrow();
      boolean adds = stats.calls() == stats.successes() + stats.failures() + stats.rejections();
      consistent &= adds;
      System.out.printf("%s: calls %d = %d ok + %d failed + %d rejected%s%n", guard, stats.calls(),
          stats.successes(), stats.failures(), stats.rejections(), adds ? "" : "  (MISMATCH)");
    }
    return consistent;
  }

  private static boolean agentAttached() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(argument -> argument.startsWith("-javaagent:") && argument.contains("warden-agent"));
  }

  /** Parses {@code --seconds N --workers N}; anything else is an error naming it. */
  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> options = new HashMap<>(Map.of("--seconds", 10, "--workers", 6));
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!options.containsKey(name)) {
        throw new IllegalArgumentException("Unknown option '" + name + "'; options: --seconds N, --workers N");
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(name + " needs a number");
      }
      int value;
      try {
        value = Integer.parseInt(args[i + 1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number, got '" + args[i + 1] + "'", e);
      }
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, got " + value);
      }
      options.put(name, value);
    }
    return options;
  }
}
