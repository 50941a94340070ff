package dev.warden.benchmarks;

import dev.warden.redis.testing.RedisServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A cluster-wide {@code @Throttled} that admits, against Bucket4j's Redis bucket and a bare
 * Lettuce {@code PING} (one round trip: the floor of any limiter kept in Redis); see {@link
 * RedisSubject} for the four subjects. Each fork starts a {@code redis-server} of its own on a
 * free loopback port ({@code redis-server} on the {@code PATH}, or {@code
 * -Dwarden.test.redisServer=<path>}), opens only the subject of the benchmark it runs, and stops
 * the server at the end. After every iteration it checks that the calls really were admitted by
 * Redis (the subject's command ran, nothing refused or failed, the key exists with an expiry); a
 * refused call fails the benchmark. Run on 1 and on 8 threads ({@code -t}); {@link RunAll}'s
 * section {@code redis} does both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class RedisAnchors {

  /** The JMH regular expression of these benchmarks. */
  static final String PATTERN = "dev\\.warden\\.benchmarks\\.RedisAnchors\\.";

  private RedisServer server;
  private RedisSubject subject;
  private CommandStats checked;

  /** Starts the server and opens the subject of {@code params}' benchmark. */
  @Setup(Level.Trial)
  public void start(BenchmarkParams params) {
    String benchmark = params.getBenchmark();
    server = RedisServer.start();
    subject = RedisSubject.open(benchmark.substring(benchmark.lastIndexOf('.') + 1), server.uri());
    checked = CommandStats.of(server);
  }

  /** Fails the run unless the iteration's calls were admitted by Redis. */
  @TearDown(Level.Iteration)
  public void requireAdmitted() {
    checked = subject.requireAdmitted(server, checked);
  }

  /** Closes the subject and stops the server. */
  @TearDown(Level.Trial)
  public void stop() {
    try {
      subject.close();
    } finally {
      server.close();
    }
  }

  /** Lettuce's synchronous {@code PING}: one round trip, the floor. */
  @Benchmark
  public String ping() {
    return subject.call();
  }

  /** Warden's {@code RateLimiter} on the Redis store, {@code tryAcquire()}. */
  @Benchmark
  public String wardenLimiter() {
    return subject.call();
  }

  /** A method guarded by {@code @Throttled} whose guard keeps its bucket on Redis (processor-generated). */
  @Benchmark
  public String wardenThrottled() {
    return subject.call();
  }

  /** Bucket4j's Redis bucket on Lettuce, {@code tryConsume(1)}. */
  @Benchmark
  public String bucket4j() {
    return subject.call();
  }
}
