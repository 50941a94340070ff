package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Throttled;
import dev.warden.runtime.site.GuardSite;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrapper written by hand with {@code GuardSite.forMethod} in a named module: the runtime has no
 * lookup of the application's, so it reaches a private fallback with its own. The module opens
 * the package to {@code dev.warden.runtime}, as docs/modules.md says; the runtime must then also
 * read the application's module, which only the runtime itself can arrange (before, the site
 * was misconfigured: "module dev.warden.runtime does not read module app"). The application, the
 * runtime and the annotations run as named modules in a layer of their own.
 */
class HandWrittenWrapperModuleTest {

  @TempDir Path dir;

  @Test
  void aPrivateFallbackInAPackageOpenedToTheRuntimeAnswersTheRejection() throws Exception {
    Path classes = compile("opens app.api to dev.warden.runtime;");
    assertEquals("sent,busy", callTwice(classes));
  }

  @Test
  void anAsyncMethodGetsAStageOfItsOwnExportedType() throws Exception {
    Path classes = compile("");
    assertEquals("app.api.Client$Reply:later", call(classes, "callLater"));
  }

  @Test
  void withoutTheOpensTheSiteSaysTheFallbackIsNotAccessible() throws Exception {
    Path classes = compile("");
    InvocationTargetException failure =
        org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class, () -> callTwice(classes));
    String message = failure.getCause().getMessage();
    assertTrue(message.contains("fallback busy is not accessible"), message);
  }

  private String callTwice(Path classes) throws Exception {
    return call(classes, "callTwice");
  }

  private String call(Path classes, String method) throws Exception {
    ModuleFinder finder = ModuleFinder.of(classes, location(GuardSite.class), location(Throttled.class));
    Configuration configuration =
        ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("app"));
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    Class<?> client = layer.findLoader("app").loadClass("app.api.Client");
    return (String) client.getMethod(method).invoke(null);
  }

  private Path compile(String opens) throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/app/api"));
    Files.writeString(dir.resolve("src/module-info.java"), "module app { requires dev.warden.annotations;"
        + " requires dev.warden.runtime; exports app.api; " + opens + " }");
    Files.writeString(sources.resolve("Client.java"), """
        package app.api;

        import dev.warden.annotations.CountCalls;
        import dev.warden.annotations.Throttled;
        import dev.warden.runtime.GuardRejectedException;
        import java.util.concurrent.CompletableFuture;
        import dev.warden.runtime.site.GuardSite;

        public class Client {
          // later's site first: the runtime must read this module for its stage type by itself
          private static final GuardSite LATER = GuardSite.forMethod(Client.class, "later");
          private static final GuardSite SEND = GuardSite.forMethod(Client.class, "send");

          /** The stage type of {@code later()}: Warden hands back a stage of this type too. */
          public static class Reply extends CompletableFuture<String> {
            public Reply() {}
          }

          @CountCalls
          public Reply later() {
            Reply reply = new Reply();
            reply.complete("later");
            return reply;
          }

          /** A hand-written guarded call of later(): the caller gets a Reply completed with its value. */
          public static String callLater() {
            Object permit = LATER.enter();
            Reply reply = LATER.onReturn(permit, new Client().later());
            return reply.getClass().getName() + ":" + reply.join();
          }

          @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0, fallback = "busy")
          public String send() {
            return "sent";
          }

          private String busy() {
            return "busy";
          }

          /** A hand-written guarded call of send(), twice: the second finds the bucket empty. */
          public static String callTwice() {
            Client client = new Client();
            return guardedSend(client) + "," + guardedSend(client);
          }

          private static String guardedSend(Client client) {
            Object permit = SEND.enter();
            if (permit instanceof GuardRejectedException) {
              return (String) SEND.rejected(permit, client, new Object[0]);
            }
            return SEND.onReturn(permit, client.send());
          }
        }
        """);
    Path out = Files.createDirectories(dir.resolve("out"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      boolean compiled = javac.getTask(null, files, diagnostics,
          List.of("-proc:none", "-d", out.toString(), "--module-path",
              location(Throttled.class) + File.pathSeparator + location(GuardSite.class)),
          null, files.getJavaFileObjects(dir.resolve("src/module-info.java"), sources.resolve("Client.java"))).call();
      assertTrue(compiled, () -> diagnostics.getDiagnostics().toString());
    }
    return out;
  }

  private static Path location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
