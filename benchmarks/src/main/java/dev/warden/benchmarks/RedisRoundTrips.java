package dev.warden.benchmarks;

import dev.warden.redis.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * How many round trips each {@link RedisSubject} makes to Redis per call, and how long the server
 * spends on a call. Each subject, after a warm-up that connected and loaded any script, makes a
 * batch of calls on 1 and on 8 threads twice: watched by {@link RedisMonitor}, which tells the
 * commands its client sent (round trips) from those its scripts ran, and then unwatched, timed by
 * the server's {@code INFO commandstats} read before and after. Writes a Markdown table and the
 * verdict on "one round trip per call" for Warden.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.warden.benchmarks.RedisRoundTrips [calls per thread]</pre>
 *
 * <p>Stateless; starts and stops a {@code redis-server} of its own.
 */
final class RedisRoundTrips {

  private static final int[] THREADS = {1, 8};
  private static final int WARM_UP = 2_000;

  private RedisRoundTrips() {}

  /**
   * Prints the table.
   *
   * @param args optional: calls per thread and batch (default 5,000)
   */
  public static void main(String[] args) throws InterruptedException {
    System.out.print(run(args.length > 0 ? Integer.parseInt(args[0]) : 5_000));
  }

  /**
   * The table and the verdict, for batches of {@code callsPerThread} calls on each thread.
   *
   * @throws IllegalStateException if {@code redis-server} cannot be started or a subject fails
   */
  static String run(int callsPerThread) throws InterruptedException {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Per call, from batches of %,d calls per thread after %,d calls of warm-up: "
        + "the commands the client sent (round trips, counted by `MONITOR`) and those its scripts ran; the server's "
        + "time (`INFO commandstats`, in a batch without `MONITOR`) per command, a script's including the commands "
        + "it runs, and per call: the commands sent, each at its mean time.%n%n", callsPerThread, WARM_UP));
    out.append("| subject | threads | round trips per call | sent, per call | run by scripts, per call "
        + "| server µs per call | server µs per command |\n");
    out.append("|---|---:|---:|---|---|---:|---|\n");
    boolean oneEach = true;
    List<String> warden = new ArrayList<>();
    try (RedisServer server = RedisServer.start()) {
      for (String name : RedisSubject.NAMES) {
        try (RedisSubject subject = RedisSubject.open(name, server.uri())) {
          calls(subject, 1, WARM_UP);
          for (int threads : THREADS) {
            RedisMonitor monitor = RedisMonitor.watch(server);
            long calls = calls(subject, threads, callsPerThread);
            RedisMonitor.Commands watched = monitor.stop();
            CommandStats before = CommandStats.of(server);
            calls(subject, threads, callsPerThread);
            CommandStats timed = CommandStats.of(server).since(before);
            subject.requireAdmitted(server, before);
            double roundTrips = (double) watched.sentTotal() / calls;
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %s | %s | %s |%n", name, threads, roundTrips,
                perCall(watched.sent(), calls), perCall(watched.scripted(), calls),
                serverMicros(watched.sent(), calls, timed), usecPerCommand(timed)));
            if (name.startsWith("warden")) {
              oneEach &= watched.sentTotal() == calls && watched.sent().getOrDefault("EVALSHA", 0L) == calls;
              warden.add(String.format(Locale.ROOT, "%s %dt %.3f", name, threads, roundTrips));
            }
          }
        }
      }
    }
    out.append(String.format(Locale.ROOT, "%nGoal: one round trip (`EVALSHA`) per Warden call: %s → %s%n",
        String.join(", ", warden), oneEach ? "**met**" : "**missed**"));
    return out.toString();
  }

  /** Makes {@code perThread} calls on each of {@code threads} threads released together; returns all calls. */
  private static long calls(RedisSubject subject, int threads, int perThread) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < perThread; i++) {
            subject.call();
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "round-trips-" + t);
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    if (!failures.isEmpty()) {
      IllegalStateException failed = new IllegalStateException(subject.name() + " failed on " + failures.size() + " thread(s)");
      failures.forEach(failed::addSuppressed);
      throw failed;
    }
    return (long) threads * perThread;
  }

  private static String perCall(Map<String, Long> commands, long calls) {
    List<String> parts = new ArrayList<>();
    commands.forEach((command, count) -> parts.add(String.format(Locale.ROOT, "%s %.3f", command, (double) count / calls)));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** The server's time for one call: each command the client sent, at its mean time in the timed batch. */
  private static String serverMicros(Map<String, Long> sent, long calls, CommandStats timed) {
    double micros = 0;
    for (Map.Entry<String, Long> entry : sent.entrySet()) {
      CommandStats.Stat stat = timed.stat(entry.getKey().toLowerCase(Locale.ROOT));
      micros += stat.calls() == 0 ? 0 : (double) entry.getValue() / calls * stat.usec() / stat.calls();
    }
    return String.format(Locale.ROOT, "%.2f", micros);
  }

  private static String usecPerCommand(CommandStats batch) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, CommandStats.Stat> entry : batch.commands().entrySet()) {
      CommandStats.Stat stat = entry.getValue();
      parts.add(String.format(Locale.ROOT, "%s %.2f", entry.getKey().toUpperCase(Locale.ROOT),
          stat.calls() == 0 ? 0.0 : (double) stat.usec() / stat.calls()));
    }
    return String.join(", ", parts);
  }
}
