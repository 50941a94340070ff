package dev.warden.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.annotations.Throttled;
import dev.warden.runtime.site.GuardSite;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrapper compiled inside a named module: {@code @javax.annotation.processing.Generated} lives in
 * module {@code java.compiler}, so the wrapper carries it only where the module reads that module;
 * elsewhere it goes without (before, an application module had to declare
 * {@code requires static java.compiler} or its build failed with "package javax.annotation.processing
 * is not visible"). Compiled with the annotations and the runtime on the module path under
 * {@code -Xlint:all -Werror}.
 */
class ModularWrapperTest {

  @TempDir Path dir;

  private static final String CLIENT = """
      package com.acme.api;
      import dev.warden.annotations.Throttled;
      public class Client {
        public Client() {}
        @Throttled(callsPerSecond = 5)
        public String send(String message) { return message; }
      }
      """;

  @Test
  void aModuleThatDoesNotReadJavaCompilerGetsAWrapperWithoutGenerated() throws Exception {
    String wrapper = compileInModule("requires dev.warden.annotations; requires dev.warden.runtime;");
    assertEquals(false, wrapper.contains("@Generated"), wrapper);
  }

  @Test
  void aModuleThatRequiresJavaCompilerGetsGenerated() throws Exception {
    String wrapper = compileInModule(
        "requires dev.warden.annotations; requires dev.warden.runtime; requires static java.compiler;");
    assertEquals(true, wrapper.contains("@Generated(\"dev.warden.processor.WardenProcessor\")"), wrapper);
  }

  @Test
  void aModuleReadingJavaCompilerThroughJavaSeGetsGenerated() throws Exception {
    String wrapper = compileInModule("requires dev.warden.annotations; requires dev.warden.runtime; requires java.se;");
    assertEquals(true, wrapper.contains("@Generated(\"dev.warden.processor.WardenProcessor\")"), wrapper);
  }

  /**
   * javac itself on real files (compile-testing's in-memory file manager does not model a module
   * source layout), with {@code -Xlint:all -Werror}; returns the wrapper's source.
   */
  private String compileInModule(String requires) throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/com/acme/api"));
    Files.writeString(dir.resolve("src/module-info.java"),
        "module com.acme.api { " + requires + " }");
    Files.writeString(sources.resolve("Client.java"), CLIENT);
    String modulePath = location(Throttled.class) + File.pathSeparator + location(GuardSite.class);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
          List.of("-Xlint:all", "-Xlint:-processing", "-Werror", "--module-path", modulePath,
              "-d", Files.createDirectories(dir.resolve("out")).toString(),
              "-s", Files.createDirectories(dir.resolve("gen")).toString()),
          null, files.getJavaFileObjects(dir.resolve("src/module-info.java"), sources.resolve("Client.java")));
      task.setProcessors(List.of(new WardenProcessor()));
      assertEquals(true, task.call(), () -> diagnostics.getDiagnostics().toString());
    }
    assertEquals(List.of(), diagnostics.getDiagnostics());
    return Files.readString(dir.resolve("gen/com/acme/api/GuardedClient.java"));
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
