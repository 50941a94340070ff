package dev.warden.benchmarks;

import dev.warden.redis.RedisStoreProvider;
import dev.warden.redis.RedisStores;
import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.Warden;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreBinding;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.StoreSettings;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One way of admitting a call through a Redis server, as {@link RedisAnchors} measures it and
 * {@link RedisRoundTrips} counts its commands: Warden's {@code RateLimiter} bound to the Redis
 * store, a method guarded by {@code @Throttled} with {@code warden.<name>.store=redis}, Bucket4j's
 * Redis bucket on Lettuce, and a bare Lettuce {@code PING} (one round trip, the floor). Each
 * limiter allows {@value #PER_SECOND} calls a second with a burst of {@value #BURST}, so every
 * call is admitted; a refused call throws, and so does a store failure (Warden's policy is {@code
 * reject}), so a benchmark can never measure a fallback. Each subject has its own connection.
 *
 * <p>When opened, a subject has already answered once (connected, script loaded). Thread-safe
 * {@link #call()}; {@link #close()} once, after the calls.
 */
abstract class RedisSubject implements AutoCloseable {

  /** The subjects by name: the names of the benchmark methods of {@link RedisAnchors}. */
  static final List<String> NAMES = List.of("ping", "wardenLimiter", "wardenThrottled", "bucket4j");
  /** Calls per second of every limiter: never throttles. */
  static final double PER_SECOND = 1e9;
  /** Bucket of every limiter: one second of calls. */
  static final int BURST = 1_000_000_000;
  /**
   * Warden's {@code warden.redis.timeoutMillis}: longer than the default 50 ms, so that a
   * descheduled benchmark thread on busy cores is not taken for an outage (which, with the
   * {@code reject} policy, fails the run); what a call costs does not depend on it.
   */
  static final String TIMEOUT_MILLIS = "1000";

  private static final String REPLY = "ok";
  private static final String LIMITER = "redisLimiter";
  private static final RateLimiterConfig CONFIG = new RateLimiterConfig(PER_SECOND, BURST, 0);

  private final String name;
  private final String key;
  private final String command;

  private RedisSubject(String name, String key, String command) {
    this.name = name;
    this.key = key;
    this.command = command;
  }

  /**
   * Opens the subject {@code name} (one of {@link #NAMES}) on the server at {@code uri}.
   *
   * @throws IllegalArgumentException for an unknown name
   * @throws IllegalStateException if it does not answer, or is not bound to Redis
   */
  static RedisSubject open(String name, String uri) {
    return switch (name) {
      case "ping" -> new Ping(uri);
      case "wardenLimiter" -> new WardenLimiter(uri);
      case "wardenThrottled" -> new WardenThrottled(uri);
      case "bucket4j" -> new Bucket4jBucket(uri);
      default -> throw new IllegalArgumentException("No Redis subject '" + name + "'; subjects: " + NAMES);
    };
  }

  /**
   * One admitted call.
   *
   * @return the method's (or {@code PING}'s) reply
   * @throws IllegalStateException if the call was refused
   */
  abstract String call();

  /** {@return its name, one of {@link #NAMES}} */
  final String name() {
    return name;
  }

  /** {@return the command every call sends: {@code evalsha}, {@code eval} or {@code ping}} */
  final String command() {
    return command;
  }

  /**
   * Checks that the calls since {@code earlier} reached Redis: its {@link #command()} ran, no
   * command was refused or failed, and the bucket's key exists with an expiry.
   *
   * @return the server's counters now
   * @throws IllegalStateException naming what is wrong
   */
  final CommandStats requireAdmitted(RedisServer server, CommandStats earlier) {
    CommandStats now = CommandStats.of(server);
    CommandStats batch = now.since(earlier);
    if (batch.stat(command).calls() == 0 || batch.refused() != 0) {
      throw new IllegalStateException(name + " did not reach Redis as it should: no " + command
          + " call, or calls refused; commands since the last check: " + batch.commands());
    }
    if (key != null && !(server.call("PTTL", key) instanceof Long ttl && ttl > 0)) {
      throw new IllegalStateException(name + ": no key " + key + " with an expiry in Redis (PTTL "
          + server.call("PTTL", key) + ")");
    }
    return now;
  }

  @Override
  public abstract void close();

  static IllegalStateException refused(String what) {
    return new IllegalStateException(what + " refused a call");
  }

  /** Warden's Redis store, opened as a guard opens it; it connects in the background. */
  private static BucketStore wardenStore(String uri) {
    return new RedisStoreProvider().open(StoreSettings.of("redis", Map.of("uri", uri, "timeoutMillis", TIMEOUT_MILLIS)));
  }

  /**
   * Waits until {@code bucket} answers (the store connects in the background, and its first call
   * loads the script), so that no limiter sees the store fail before the measurement.
   */
  private static void awaitAnswer(SharedBucket bucket) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        if (bucket.reserve(0) != 0) {
          throw refused(bucket.toString());
        }
        return;
      } catch (StoreException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(bucket + " does not answer", e);
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + bucket, e);
      }
    }
  }

  /** A bare Lettuce {@code PING} (synchronous API): one round trip, nothing else. */
  private static final class Ping extends RedisSubject {
    private final LettuceConnection<String> connection;
    private final RedisCommands<String, String> commands;

    Ping(String uri) {
      super("ping", null, "ping");
      connection = new LettuceConnection<>(uri, StringCodec.UTF8);
      commands = connection.connection.sync();
    }

    @Override
    String call() {
      String reply = commands.ping();
      if (!"PONG".equals(reply)) {
        throw new IllegalStateException("PING answered " + reply);
      }
      return reply;
    }

    @Override
    public void close() {
      connection.close();
    }
  }

  /** Warden's {@code RateLimiter} bound to the Redis store, policy {@code reject}: {@code tryAcquire()}. */
  private static final class WardenLimiter extends RedisSubject {
    private final RateLimiter limiter;

    WardenLimiter(String uri) {
      super("wardenLimiter", "warden:{" + LIMITER + "}", "evalsha");
      BucketStore store = wardenStore(uri);
      SharedBucket bucket = store.bucket(LIMITER, CONFIG);
      awaitAnswer(bucket);
      limiter = RateLimiter.create(LIMITER, CONFIG, TimeSource.SYSTEM,
          new StoreBinding(store, bucket, OnStoreFailure.REJECT));
    }

    @Override
    String call() {
      if (!limiter.tryAcquire()) {
        throw refused(limiter.toString());
      }
      return REPLY;
    }

    @Override
    public void close() {
      RedisStores.closeAll();
    }
  }

  /**
   * The processor-generated {@code GuardedRedisService.throttled()}, its guard bound to Redis by
   * system properties ({@code warden.redis.uri}, {@code warden.redisThrottled.store=redis}, {@code
   * onStoreFailure=reject}) set before its class is initialized.
   */
  private static final class WardenThrottled extends RedisSubject {
    private final RedisService service;

    WardenThrottled(String uri) {
      super("wardenThrottled", "warden:{" + RedisService.GUARD + "}", "evalsha");
      System.setProperty("warden.redis.uri", uri);
      System.setProperty("warden.redis.timeoutMillis", TIMEOUT_MILLIS);
      System.setProperty("warden." + RedisService.GUARD + ".store", "redis");
      System.setProperty("warden." + RedisService.GUARD + ".onStoreFailure", "reject");
      BucketStore store = wardenStore(uri); // the guard's own store: the same settings
      awaitAnswer(store.bucket(RedisService.GUARD, CONFIG));
      service = new GuardedRedisService();
      call();
      String bound = Warden.rateLimiter(RedisService.GUARD).map(RateLimiter::store).orElse("no guard");
      if (!bound.equals(store.describe())) {
        throw new IllegalStateException("Guard " + RedisService.GUARD + " keeps its bucket in " + bound
            + ", not in " + store.describe());
      }
    }

    @Override
    String call() {
      return service.throttled(); // a refusal throws ThrottledException
    }

    @Override
    public void close() {
      RedisStores.closeAll();
    }
  }

  /** Bucket4j's Redis bucket on Lettuce (compare-and-swap proxy manager): {@code tryConsume(1)}. */
  private static final class Bucket4jBucket extends RedisSubject {
    private static final String KEY = "bucket4j";
    private final LettuceConnection<byte[]> connection;
    private final Bucket bucket;

    Bucket4jBucket(String uri) {
      super("bucket4j", KEY, "eval");
      connection = new LettuceConnection<>(uri, ByteArrayCodec.INSTANCE);
      BucketConfiguration configuration = BucketConfiguration.builder()
          .addLimit(limit -> limit.capacity(BURST).refillGreedy((long) PER_SECOND, Duration.ofSeconds(1)))
          .build();
      bucket = Bucket4jLettuce.casBasedBuilder(connection.connection)
          .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
          .build()
          .builder()
          .build(KEY, () -> configuration);
      call();
    }

    @Override
    String call() {
      if (!bucket.tryConsume(1)) {
        throw refused("Bucket4j's Redis bucket");
      }
      return REPLY;
    }

    @Override
    public void close() {
      connection.close();
    }
  }

  /** A Lettuce client of its own with one connection, string keys and {@code V} values. */
  private static final class LettuceConnection<V> implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, V> connection;

    LettuceConnection(String uri, RedisCodec<?, V> values) {
      client = RedisClient.create(uri);
      connection = client.connect(RedisCodec.of(StringCodec.UTF8, values));
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
