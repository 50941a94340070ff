package dev.warden.benchmarks;

import dev.warden.redis.testing.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Counts the commands a Redis server runs while it watches ({@code MONITOR}), telling those sent by
 * clients, each a round trip, from those a script runs ({@code [0 lua]}). Used to count the round
 * trips of a call, which {@code INFO commandstats} cannot tell: it counts a script's own commands
 * too. Slows the server down while watching: never used while timing.
 *
 * <p>Not thread-safe: one thread starts and stops it; a daemon thread of its own reads the monitor.
 */
final class RedisMonitor implements AutoCloseable {

  /**
   * What the server ran while watched, by command name in upper case.
   *
   * @param sent commands sent by clients (round trips), without the monitor's own sentinel
   * @param scripted commands run by scripts
   */
  record Commands(Map<String, Long> sent, Map<String, Long> scripted) {

    long sentTotal() {
      return sent.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final RedisServer server;
  private final Socket socket;
  private final String sentinel = "monitor-end-" + System.nanoTime();
  private final CompletableFuture<Commands> seen = new CompletableFuture<>();

  private RedisMonitor(RedisServer server) throws IOException {
    this.server = server;
    this.socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = socket.getOutputStream();
    out.write("*1\r\n$7\r\nMONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String reply = in.readLine();
    if (!"+OK".equals(reply)) {
      socket.close();
      throw new IllegalStateException("MONITOR answered " + reply);
    }
    Thread reader = new Thread(() -> count(in), "redis-monitor");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts watching {@code server}. */
  static RedisMonitor watch(RedisServer server) {
    try {
      return new RedisMonitor(server);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot MONITOR redis-server on port " + server.port(), e);
    }
  }

  /**
   * Stops watching: sends a sentinel {@code ECHO} on another connection and waits until the
   * monitor has read up to it.
   *
   * @return what the server ran since {@link #watch}, besides the sentinel
   */
  Commands stop() throws InterruptedException {
    try {
      server.call("ECHO", sentinel);
      return seen.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("MONITOR of redis-server on port " + server.port() + " failed", e);
    } finally {
      close();
    }
  }

  /** The reader thread: counts each line until the sentinel. */
  private void count(BufferedReader in) {
    Map<String, Long> sent = new TreeMap<>();
    Map<String, Long> scripted = new TreeMap<>();
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.contains(sentinel)) {
          seen.complete(new Commands(sent, scripted));
          return;
        }
        int close = line.indexOf(']');
        int quote = line.indexOf('"', close);
        String command = line.substring(quote + 1, line.indexOf('"', quote + 1)).toUpperCase(Locale.ROOT);
        (line.substring(0, close).endsWith(" lua") ? scripted : sent).merge(command, 1L, Long::sum);
      }
      seen.completeExceptionally(new IOException("MONITOR connection closed before the sentinel"));
    } catch (IOException | RuntimeException e) {
      seen.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
