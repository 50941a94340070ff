package dev.warden.redis;

import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.store.BucketException;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One Redis server's buckets, all sharing one connection. Each call is one round trip ({@code
 * EVALSHA} of the bucket script), bounded by {@code warden.redis.timeoutMillis}; a script missing
 * from the server (flushed, or a restarted server) is loaded again within the same call. With
 * {@code warden.redis.lease} above 1, its buckets lease permits (see {@link RedisBucket}).
 *
 * <p>Thread-safe; a call holds no lock.
 */
final class RedisStore implements BucketStore {

  /** Between reconnection attempts after a lost connection: 100 ms, doubling up to 5 s. */
  private static final Delay RECONNECT_DELAY =
      Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS);

  private final RedisSettings settings;
  private final String described;
  private final ClientResources resources;
  private final RedisClient client;
  private final Connector connector;

  /**
   * A store that starts connecting in the background at once.
   *
   * @param settings its settings
   */
  RedisStore(RedisSettings settings) {
    this.settings = settings;
    this.described = settings.address().masked()
        + (settings.lease() > 1 ? " (lease " + settings.lease() + ")" : "");
    this.resources = DefaultClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
    this.client = RedisClient.create(resources);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        // A call that has given up (timed out, connection lost) must not reserve a permit later.
        .replayFilter(command -> true)
        .socketOptions(SocketOptions.builder()
            .connectTimeout(Duration.ofMillis(settings.connectTimeoutMillis()))
            .keepAlive(true)
            .build())
        // Every wait for a reply is bounded by Await, which cancels the command: Lettuce's own
        // timer would add a scheduled task per call and change nothing.
        .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
        .build());
    this.connector = new Connector(client,
        // Lettuce bounds a connection's handshake (HELLO, AUTH, SELECT) by the URI's timeout.
        settings.address().toClientUri(Duration.ofMillis(settings.connectTimeoutMillis())),
        "Redis store " + described, settings.connectTimeoutMillis());
  }

  @Override
  public SharedBucket bucket(String guardName, RateLimiterConfig config) {
    return new RedisBucket(this, Objects.requireNonNull(guardName, "guardName"),
        Objects.requireNonNull(config, "config"), settings.lease(), TimeSource.SYSTEM);
  }

  @Override
  public String describe() {
    return described;
  }

  /**
   * Runs the bucket script on {@code bucket}'s key: one round trip, or three if the server has
   * lost the script, all within one timeout.
   *
   * @param bucket the bucket
   * @param type the reply's type
   * @param args the script's arguments
   * @return the reply
   * @throws StoreException if there is no connection or no answer in time, or Redis failed
   * @throws BucketException if the key holds something else than a bucket
   */
  <T> T run(RedisBucket bucket, ScriptOutputType type, String[] args) {
    RedisAsyncCommands<String, String> commands = connector.commands();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
    try {
      try {
        return Await.reply(commands.<T>evalsha(GcraScript.SHA1, type, bucket.keys(), args),
            deadline, settings.timeoutMillis());
      } catch (RedisCommandExecutionException e) {
        if (!code(e).equals("NOSCRIPT")) {
          throw e;
        }
        Await.reply(commands.scriptLoad(GcraScript.SOURCE), deadline, settings.timeoutMillis());
        return Await.reply(commands.<T>evalsha(GcraScript.SHA1, type, bucket.keys(), args),
            deadline, settings.timeoutMillis());
      }
    } catch (RuntimeException e) {
      throw failure(bucket, commands, e);
    }
  }

  private StoreException failure(
      RedisBucket bucket, RedisAsyncCommands<String, String> commands, RuntimeException e) {
    String where = "Redis store " + described + ", guard '" + bucket.guardName() + "' (key "
        + bucket.key() + ")";
    if (e instanceof RedisCommandTimeoutException) {
      return new StoreException(where + ": no answer within " + settings.timeoutMillis() + " ms", e);
    }
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    if (e instanceof RedisCommandExecutionException) {
      switch (code(e)) {
        case "WRONGTYPE":
          return new BucketException(where + ": the key holds no Warden bucket (" + message
              + "); delete it or rename the guard", e);
        case "READONLY":
          connector.reconnect(commands);
          return new StoreException(where + ": answered by a read-only replica, connecting again ("
              + message + ")", e);
        default:
          break;
      }
    }
    return new StoreException(where + ": " + message, e);
  }

  /** {@return the error code of a Redis error reply: its first word} */
  private static String code(RuntimeException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }

  /** Waits until the first connection attempt has ended, at most {@code connectTimeoutMillis}. */
  void awaitFirstConnection() {
    connector.awaitFirstAttempt();
  }

  /** Closes the connection and stops the client's threads; later calls fail. */
  void close() {
    connector.close();
    try {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } finally {
      resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3L, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return "RedisStore[" + described + "]";
  }
}
