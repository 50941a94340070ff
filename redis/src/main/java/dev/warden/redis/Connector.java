package dev.warden.redis;

import dev.warden.runtime.store.StoreException;
import io.lettuce.core.ConnectionFuture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one connection of a store. It is made in the background (the bucket script is loaded on
 * it before it is used), and the store's opener waits for that first attempt for up to the
 * connect timeout, so that the first calls of a JVM find it up; once up, the client keeps it up, reconnecting by itself after a loss. A
 * first attempt that fails is repeated by the next call; a connection to a read-only replica is
 * dropped and made anew on {@link #reconnect}. Calls while there is no connection fail at once.
 *
 * <p>Thread-safe and lock-free: the state is one atomic reference.
 */
final class Connector {

  private sealed interface State permits Connecting, Up, Down, Closed {}

  /** An attempt in progress; {@link #settled} completes when it has succeeded or failed. */
  private static final class Connecting implements State {
    final CompletableFuture<Void> settled = new CompletableFuture<>();
  }

  private record Up(StatefulRedisConnection<String, String> connection,
                    RedisAsyncCommands<String, String> commands) implements State {}

  private record Down(Throwable cause) implements State {}

  private static final class Closed implements State {}

  private static final Closed CLOSED = new Closed();

  private final RedisClient client;
  private final RedisURI uri;
  private final String store;
  private final long connectTimeoutMillis;
  private final AtomicReference<State> state;
  /** The {@link System#nanoTime()} by which the first attempt has settled. */
  private final long firstDeadline;

  /**
   * A connector that starts connecting at once.
   *
   * @param client the client
   * @param uri where to connect
   * @param store how messages name the store (password masked)
   * @param connectTimeoutMillis the longest an attempt may take, script loading included
   */
  Connector(RedisClient client, RedisURI uri, String store, long connectTimeoutMillis) {
    this.client = client;
    this.uri = uri;
    this.store = store;
    this.connectTimeoutMillis = connectTimeoutMillis;
    Connecting first = new Connecting();
    this.state = new AtomicReference<>(first);
    this.firstDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
    launch(first);
  }

  /**
   * Waits, without holding any lock, until the first attempt has succeeded or failed, at most
   * until {@code connectTimeoutMillis} after the connector was made; returns at once after that.
   * An interrupt ends the wait early and is kept.
   */
  void awaitFirstAttempt() {
    if (!(state.get() instanceof Connecting attempt)) {
      return;
    }
    try {
      attempt.settled.get(Math.max(0, firstDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the attempt goes on in the background; calls follow the policy meanwhile
    }
  }

  /**
   * {@return the commands of the connection}
   *
   * @throws StoreException at once if there is no connection (yet); after a failed attempt, a new
   *     one is started in the background
   */
  RedisAsyncCommands<String, String> commands() {
    State current = state.get();
    if (current instanceof Up up) {
      return up.commands();
    }
    if (current instanceof Down down) {
      connect(down);
      throw new StoreException(store + ": cannot connect: " + describe(down.cause())
          + "; connecting again in the background", down.cause());
    }
    if (current == CLOSED) {
      throw new StoreException(store + ": closed", null);
    }
    throw new StoreException(store + ": not connected yet (connecting in the background)", null);
  }

  /**
   * Drops the connection {@code stale} answered on (a replica after a failover) and connects anew.
   *
   * @param stale the commands of the connection to drop; nothing happens if it is no longer the
   *     current one
   */
  void reconnect(RedisAsyncCommands<String, String> stale) {
    State current = state.get();
    if (current instanceof Up up && up.commands() == stale && connect(up)) {
      up.connection().closeAsync();
    }
  }

  /** Closes the connection; every later call fails. */
  void close() {
    State previous = state.getAndSet(CLOSED);
    if (previous instanceof Connecting attempt) {
      attempt.settled.complete(null); // an opener waiting for it need not wait any longer
    }
    if (previous instanceof Up up) {
      up.connection().close();
    }
  }

  private boolean connect(State from) {
    Connecting attempt = new Connecting();
    if (!state.compareAndSet(from, attempt)) {
      return false;
    }
    launch(attempt);
    return true;
  }

  private void launch(Connecting attempt) {
    ConnectionFuture<StatefulRedisConnection<String, String>> connecting;
    try {
      connecting = client.connectAsync(StringCodec.UTF8, uri);
    } catch (RuntimeException e) {
      state.compareAndSet(attempt, new Down(e));
      attempt.settled.complete(null);
      return;
    }
    CompletableFuture<Up> made = connecting.toCompletableFuture()
        .thenCompose(connection -> connection.async().scriptLoad(GcraScript.SOURCE)
            .thenApply(sha -> up(connection, sha)));
    // Timed on the client's own executor, closed with the store: CompletableFuture.orTimeout
    // would start a JVM-wide thread that keeps the caller's context class loader for good.
    ScheduledFuture<?> timeout = client.getResources().eventExecutorGroup().schedule(
        () -> made.completeExceptionally(new TimeoutException()), connectTimeoutMillis, TimeUnit.MILLISECONDS);
    made.whenComplete((up, failure) -> {
      timeout.cancel(false);
      if (failure == null && state.compareAndSet(attempt, up)) {
        attempt.settled.complete(null);
        return;
      }
      if (failure != null) {
        state.compareAndSet(attempt, new Down(unwrap(failure)));
      }
      attempt.settled.complete(null);
      connecting.thenAccept(StatefulRedisConnection::closeAsync); // made, but not to be used
    });
  }

  private static Up up(StatefulRedisConnection<String, String> connection, String sha) {
    if (!GcraScript.SHA1.equals(sha)) {
      throw new IllegalStateException(
          "Redis names the bucket script " + sha + ", expected " + GcraScript.SHA1);
    }
    return new Up(connection, connection.async());
  }

  /** {@return the failure's message, followed by its root cause's if that says more} */
  private String describe(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "no connection within " + connectTimeoutMillis + " ms";
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = message(failure);
    return root == failure || message.contains(message(root)) ? message : message + ": " + message(root);
  }

  private static String message(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
