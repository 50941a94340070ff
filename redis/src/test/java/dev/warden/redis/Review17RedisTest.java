package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.testing.RedisServer;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiter;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.TimeSource;
import dev.warden.runtime.store.BucketStore;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.StoreBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Review of issue 17: the Redis store as a user meets it. */
class Review17RedisTest {

  static {
    // the module does not read java.logging; the captured log needs it
    Review17RedisTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
  }

  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    RedisStores.closeAll();
    server.close();
  }

  /**
   * A JVM that has just created its guards against a healthy Redis: its first call is refused
   * under {@code reject} and logged as an outage, because the connection is still being made in
   * the background. Every start of every JVM does this.
   */
  @Test
  void theFirstCallAfterStartUpAgainstAHealthyRedisIsNeitherAnOutageNorRejected() {
    // Lettuce and Netty are loaded and warm: only the connection itself is new.
    Connected.once(() -> Connected.open(server.uri()).bucket("review.warm", new RateLimiterConfig(10, 1, 0)).reserve(0));
    try (Review17Log log = Review17Log.capture()) {
      BucketStore store = Connected.open(server.uri(), "timeoutMillis", "1000"); // a new store: a new connection
      RateLimiterConfig config = new RateLimiterConfig(10, 5, 0);
      RateLimiter limiter = RateLimiter.create("review.startup", config, TimeSource.SYSTEM,
          new StoreBinding(store, store.bucket("review.startup", config), OnStoreFailure.REJECT));
      assertTrue(limiter.tryAcquire(), "the first call of a fresh JVM, Redis healthy, timeout 1000 ms: rejected");
      assertEquals(List.of(), log.warnings());
    }
  }

  /**
   * A typo in a store setting ({@code timeoutMilis}) is silently ignored: the user believes the
   * timeout is 500 ms and gets 50 ms. Every misspelled attribute under a guard's name is an error,
   * but nothing checks the names under {@code warden.redis.}.
   */
  @Test
  void aMisspelledRedisSettingIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Connected.open(server.uri(), "timeoutMilis", "500"));
    assertTrue(e.getMessage().contains("warden.redis.timeoutMilis"), e.getMessage());
  }

  /**
   * warden-redis in a web application's class loader: the application calls {@code closeAll} on
   * undeploy, yet the JVM shutdown hook registered on the first open stays registered: it holds
   * {@code RedisStores}, hence the application's class loader (and everything it loaded), until
   * the JVM exits; every redeploy adds one more.
   */
  @Test
  void closeAllLeavesNoShutdownHookHoldingTheApplicationsLoader() throws Exception {
    assertTrue(loaderHolders().contains("hooks: 0"), loaderHolders());
  }

  /**
   * The first connection's {@code orTimeout} starts the JDK's one {@code
   * CompletableFutureDelayScheduler} thread from the thread that creates the guard, which in a web
   * container carries the application's context class loader: that daemon thread lives as long as
   * the JVM and holds the application's loader for good.
   */
  @Test
  void theStoreStartsNoJvmWideThreadHoldingTheApplicationsLoader() throws Exception {
    assertTrue(loaderHolders().contains("threads: []"), loaderHolders());
  }

  private static String holders;

  /** The output of {@link Review17LoaderMain}, run once. */
  private static synchronized String loaderHolders() throws Exception {
    if (holders != null) {
      return holders;
    }
    List<String> command = List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "-cp", String.join(java.io.File.pathSeparator, System.getProperty("redistest.testClasses"),
            System.getProperty("redistest.classes"), System.getProperty("redistest.runtimePath")),
        Review17LoaderMain.class.getName(), server.uri());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
        .lines().filter(line -> !line.startsWith("SLF4J:")).reduce((x, y) -> x + "\n" + y).orElse("");
    assertTrue(exited, "still running after 60 s:\n" + output);
    assertTrue(output.contains("hooks: ") && output.contains("threads: "), output);
    holders = output;
    return output;
  }
}
