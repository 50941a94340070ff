package dev.warden.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.redis.jvm.ModulePathMain;
import dev.warden.redis.testing.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JVMs of their own: the store's threads never keep one alive; the module descriptor is complete. */
class JvmExitTest {

  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aJvmThatReturnsFromMainExitsWithAnOpenStore() throws Exception {
    String output = run(Jvm.onClassPath(ExitingMain.class, server.uri(), "return"));
    assertTrue(output.contains("provider dev.warden.redis.RedisStoreProvider answered 0"), output);
    assertTrue(output.lines().anyMatch("returning from main"::equals), output);
  }

  @Test
  void closeAllEndsEveryClientThread() throws Exception {
    String output = run(Jvm.onClassPath(ExitingMain.class, server.uri(), "closeAll"));
    assertTrue(output.contains("after closeAll: Redis store " + server.uri() + ": closed"), output);
    assertTrue(output.contains("threads left: []"), output);
  }

  @Test
  void theModuleWorksOnTheModulePath() throws Exception {
    String output = run(Jvm.onModulePath(ModulePathMain.class, server.uri()));
    // stderr is merged in: Lettuce may log a line of its own while the JVM exits
    assertTrue(output.lines().anyMatch("module dev.warden.redis answered 0"::equals), output);
  }

  /** The output of {@code process}, which must exit by itself, with status 0, within 60 s. */
  private static String run(Process process) throws IOException, InterruptedException {
    process.getOutputStream().close();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .lines().filter(line -> !line.startsWith("SLF4J:")).reduce((a, b) -> a + "\n" + b).orElse("");
    assertTrue(exited, "still running after 60 s:\n" + output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
