package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 5: woven guards must not pin class loaders. An application deployed twice in class
 * loaders of its own (a breaker whose {@code failOn} names the application's exception, a
 * fallback, a woven default method): once the first loader is discarded it is collected.
 */
class RedeployIT {

  @Test
  void aDiscardedDeploymentsClassLoaderIsCollected(@TempDir Path dir) throws IOException {
    Path src = dir.resolve("src/dep");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Greeting.java"), String.join("\n",
        "package dep;",
        "public interface Greeting {",
        "  @dev.warden.annotations.CountCalls(name = \"redeploy.hello\")",
        "  default String hello() { return \"hi\"; }",
        "}",
        ""));
    Files.writeString(src.resolve("Dep.java"), String.join("\n",
        "package dep;",
        "import dev.warden.annotations.*;",
        "public class Dep implements Greeting {",
        "  public static class MyFailure extends RuntimeException {}",
        "  @Breaker(name = \"redeploy\", failureThreshold = 1, cooldownMillis = 600000, failOn = MyFailure.class,",
        "      fallback = \"later\")",
        "  public String call() { throw new MyFailure(); }",
        "  public String later() { return \"later\"; }",
        "}",
        ""));
    Path classes = dir.resolve("classes");
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-nowarn", "-proc:none",
        "-d", classes.toString(), "-cp", Jvm.classPath(Jvm.annotationClasses(), Jvm.runtimeClasses()),
        src.resolve("Greeting.java").toString(), src.resolve("Dep.java").toString());
    assertEquals(0, status, "javac");
    Jvm.Result run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.redeploy.Main", classes.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("MyFailure later hi", "MyFailure later hi", "first loader collected: true"),
        run.out().lines().toList(), run::toString);
  }
}
