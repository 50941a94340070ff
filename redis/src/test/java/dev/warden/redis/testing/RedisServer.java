package dev.warden.redis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} of a test's own: started on a free loopback port with a temporary
 * directory, no persistence and {@code DEBUG} allowed from loopback; stopped, killed, paused
 * ({@code SIGSTOP}) and restarted on the same port at will; always stopped and its directory
 * deleted by {@link #close()} (or at JVM exit, whatever a test did).
 *
 * <p>The binary is {@code -Dwarden.test.redisServer=<path>}, else {@code redis-server} on the
 * {@code PATH}. {@link #call} is a minimal client of its own, so a test can inspect and upset the
 * server without the client under test.
 *
 * <p>Not thread-safe: one test drives it.
 */
public final class RedisServer implements AutoCloseable {

  private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServer::close)));
  }

  private final Path binary;
  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private Process process;

  private RedisServer(Path binary, Path dir, int port, List<String> extraArgs) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.extraArgs = extraArgs;
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param extraArgs more {@code redis-server} arguments, e.g. {@code --requirepass secret}
   * @return the running server
   */
  public static RedisServer start(String... extraArgs) {
    Path binary = binary();
    Path dir;
    try {
      dir = Files.createTempDirectory("warden-redis-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisServer server = new RedisServer(binary, dir, freePort(), List.of(extraArgs));
    RUNNING.add(server);
    server.restart();
    return server;
  }

  /** {@return the URI of the server, without a password} */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** {@return its port} */
  public int port() {
    return port;
  }

  /** {@return the process id of the running server} */
  public long pid() {
    return process.pid();
  }

  /** Starts the server again, on the same port, after {@link #stop()} or {@link #kill()}; waits until it answers. */
  public void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("redis-server on port " + port + " is still running");
    }
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
        "--save", "", "--appendonly", "no", "--enable-debug-command", "local", "--daemonize", "no"));
    command.addAll(extraArgs);
    Path log = dir.resolve("redis.log");
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + binary, e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + read(log));
      }
      sleepMillis(10);
    }
  }

  /** Stops the server gracefully ({@code SIGTERM}) and waits for its end; its data is gone. */
  public void stop() {
    process.destroy();
    awaitEnd();
  }

  /** Kills the server ({@code SIGKILL}) and waits for its end. */
  public void kill() {
    process.destroyForcibly();
    awaitEnd();
  }

  /** Freezes the server ({@code SIGSTOP}): connections stay open, nothing is answered. */
  public void pause() {
    signal("-STOP");
  }

  /** Thaws a {@linkplain #pause() paused} server ({@code SIGCONT}). */
  public void resume() {
    signal("-CONT");
  }

  /**
   * Sends one command on a connection of its own and returns the reply.
   *
   * @param args the command and its arguments
   * @return a {@code String} (status or bulk reply, {@code null} for nil), {@code Long} or {@code List}
   * @throws IllegalStateException with the server's message for an error reply
   */
  public Object call(String... args) {
    return callWithPassword(null, args);
  }

  /**
   * As {@link #call}, authenticating first.
   *
   * @param password the server's password, or {@code null}
   * @param args the command and its arguments
   * @return the reply, as {@link #call}
   */
  public Object callWithPassword(String password, String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      if (password != null) {
        write(out, "AUTH", password);
        read(in);
      }
      write(out, args);
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server on port " + port + ": " + String.join(" ", args), e);
    }
  }

  /** Stops the server (thawing it first if paused) and deletes its directory. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      signal("-CONT");
      process.destroyForcibly();
      awaitEnd();
    }
    RUNNING.remove(this);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      socket.setSoTimeout(1_000);
      write(socket.getOutputStream(), "PING");
      int first = socket.getInputStream().read();
      return first == '+' || first == '-'; // PONG, or NOAUTH from a server with a password
    } catch (IOException e) {
      return false;
    }
  }

  private void awaitEnd() {
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping redis-server", e);
    }
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(20, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while signalling redis-server", e);
    }
  }

  private static Path binary() {
    String configured = System.getProperty("warden.test.redisServer");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException("-Dwarden.test.redisServer=" + configured + " is not an executable file");
      }
      return path;
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("The warden-redis tests need redis-server (7.0 or later): install it "
        + "(e.g. apt-get install redis-server), put it on the PATH, or pass -Dwarden.test.redisServer=<path>");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(OutputStream out, String... args) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String arg : args) {
      byte[] value = arg.getBytes(StandardCharsets.UTF_8);
      bytes.writeBytes(("$" + value.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      bytes.writeBytes(value);
      bytes.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(bytes.toByteArray());
    out.flush();
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IllegalStateException(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] value = in.readNBytes(length);
        line(in);
        return new String(value, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        return items;
      }
      default:
        throw new IOException("Unexpected reply type '" + (char) type + "' " + line);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\r'; b = in.read()) {
      if (b < 0) {
        throw new IOException("Connection closed in a reply");
      }
      bytes.write(b);
    }
    in.read(); // \n
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for redis-server", e);
    }
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri() + "]";
  }
}
