package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Golden-source checks of two representative wrappers: a class (constructor, checked exception,
 * generic method, void method, type-level annotation) and an interface (async method, delegated
 * abstract and default methods, a guarded default method). Compared as syntax trees, so formatting does not matter.
 */
class GoldenSourceTest {

  @Test
  void classWrapper() throws IOException {
    assertGolden("com/acme/PaymentClient.java", "com.acme.GuardedPaymentClient");
  }

  @Test
  void interfaceWrapper() throws IOException {
    assertGolden("com/acme/Inventory.java", "com.acme.GuardedInventory");
  }

  private static void assertGolden(String fixture, String generated) throws IOException {
    assertGolden(Compiled.javac(), fixture, generated);
  }

  /** Compiles the fixture with {@code javac}: no warning, and the wrapper {@code generated} is its golden file. */
  static void assertGolden(Compiler javac, String fixture, String generated) throws IOException {
    Compilation compilation = javac.compile(JavaFileObjects.forResource("golden/" + fixture));
    assertThat(compilation).succeededWithoutWarnings();
    String golden = "golden/" + generated.replace('.', '/') + ".golden";
    assertThat(compilation).generatedSourceFile(generated)
        .hasSourceEquivalentTo(JavaFileObjects.forSourceString(generated, read(golden)));
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = Objects.requireNonNull(
        GoldenSourceTest.class.getClassLoader().getResourceAsStream(resource), resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
