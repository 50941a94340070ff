package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.warden.processor.Compiled.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.warden.runtime.Warden;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor as a good citizen of a build: it claims nothing beyond Warden's annotations and
 * leaves them to other processors too, turns its own failures and unresolvable values into
 * diagnostics, and waits for types another processor generates in a later round.
 */
class RobustnessTest {

  private static final String WALLET = """
      package com.acme;
      import com.acme.money.Money;
      import dev.warden.annotations.*;
      @MakeMoney
      public class Wallet {
        @CountCalls
        public Money pay(Money amount) { return new Money(amount.cents + 1); }
      }
      """;
  private static final String MARKER = """
      package com.acme;
      public @interface MakeMoney {}
      """;

  private static int line(String source, String marker) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + marker);
  }

  private static void noCrash(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(null);
      assertTrue(!message.contains("threw an uncaught exception") && !message.contains("ClassCastException"), message);
    }
  }

  @Test
  void supportsExactlyTheWardenAnnotations() {
    assertEquals(Set.of("dev.warden.annotations.Throttled", "dev.warden.annotations.Breaker",
            "dev.warden.annotations.CountCalls", "dev.warden.annotations.Bulkhead", "dev.warden.annotations.Timeout",
            "dev.warden.annotations.Retry"),
        new WardenProcessor().getSupportedAnnotationTypes());
  }

  /** A processor running after Warden's still sees the Warden annotations: Warden claims none. */
  @Test
  void aSecondProcessorStillSeesTheWardenAnnotations() {
    AnnotationSpy spy = new AnnotationSpy();
    Compilation compilation = Compiler.javac().withProcessors(new WardenProcessor(), spy)
        .compile(JavaFileObjects.forSourceString("seen.Api", """
            package seen;
            import dev.warden.annotations.*;
            @CountCalls
            public class Api {
              @Throttled(callsPerSecond = 5)
              public void call() {}
            }
            """));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("seen.GuardedApi").isNotNull();
    assertEquals(Set.of("CountCalls on Api", "Throttled on call"), Set.copyOf(spy.seen));
  }

  /** An unexpected exception while processing one type is an error on that type; the others are still wrapped. */
  @Test
  void anUnexpectedExceptionIsAnErrorOnTheTypeNotACrash() {
    String broken = """
        package boom;
        import dev.warden.annotations.*;
        public class Broken {
          @CountCalls
          public void m() {}
        }
        """;
    JavaFileObject file = JavaFileObjects.forSourceString("boom.Broken", broken);
    List<String> processed = new java.util.ArrayList<>();
    Compilation compilation = Compiler.javac()
        .withProcessors(new WardenProcessor(type -> {
          processed.add(type.getSimpleName().toString());
          if (type.getSimpleName().contentEquals("Broken")) {
            throw new IllegalStateException("boom");
          }
        }))
        .compile(file, JavaFileObjects.forSourceString("boom.Fine", """
            package boom;
            import dev.warden.annotations.*;
            public class Fine {
              @CountCalls
              public void m() {}
            }
            """));
    assertThat(compilation).hadErrorContaining(
            "The Warden processor failed on boom.Broken and generated no wrapper for it: java.lang.IllegalStateException: boom")
        .inFile(file).onLine(line(broken, "public class Broken"));
    assertThat(compilation).hadErrorCount(1);
    assertEquals(Set.of("Broken", "Fine"), Set.copyOf(processed), "the other type is still processed");
    noCrash(compilation);
  }

  /** A value the compiler cannot resolve is a diagnostic naming the attribute, not a ClassCastException. */
  @Test
  void anUnresolvableAnnotationValueIsADiagnostic() {
    String source = """
        package unresolved;
        import dev.warden.annotations.*;
        public class Api {
          @Throttled(callsPerSecond = UNKNOWN_CONSTANT)
          public void call() {}
        }
        """;
    JavaFileObject file = JavaFileObjects.forSourceString("unresolved.Api", source);
    Compilation compilation = Compiled.javac().compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(
            "Invalid @Throttled(callsPerSecond) on unresolved.Api#call: the value cannot be resolved to a constant"
                + " of type double")
        .inFile(file).onLine(line(source, "UNKNOWN_CONSTANT"));
    noCrash(compilation);
  }

  /**
   * A guarded signature mentioning a type that another processor generates in round 1 is judged
   * in the next round, whichever processor runs first, and the wrapper works.
   */
  @Test
  void aTypeGeneratedByAnotherProcessorIsWaitedFor() throws Throwable {
    for (boolean wardenFirst : List.of(true, false)) {
      Compiler javac = wardenFirst
          ? Compiler.javac().withProcessors(new WardenProcessor(), new MoneyProcessor())
          : Compiler.javac().withProcessors(new MoneyProcessor(), new WardenProcessor());
      Compilation compilation = javac.withOptions("-Xlint:all", "-Xlint:-processing", "-Werror")
          .compile(Compiled.sources("com.acme.MakeMoney", MARKER, "com.acme.Wallet", WALLET));
      assertThat(compilation).succeededWithoutWarnings();
      Compiled c = Compiled.of(compilation);
      Object wallet = c.create("com.acme.GuardedWallet");
      Object money = c.create("com.acme.money.Money", 41L);
      Object paid = call(wallet, "pay", money);
      assertEquals(42L, paid.getClass().getField("cents").get(paid));
    }
    assertEquals(2, Warden.callStats("com.acme.Wallet#pay").orElseThrow().calls());
  }

  /** A type that never appears is one clear error in the last round, on the method that mentions it. */
  @Test
  void aTypeThatNeverAppearsIsOneErrorInTheLastRound() {
    JavaFileObject file = JavaFileObjects.forSourceString("com.acme.Wallet", WALLET);
    Compilation compilation = Compiled.javac()
        .compile(file, JavaFileObjects.forSourceString("com.acme.MakeMoney", MARKER));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(
            "com.acme.Wallet#pay mentions Money, a type that does not exist: no source declares it and no annotation"
                + " processor generated it, so the processor cannot generate a wrapper")
        .inFile(file).onLine(line(WALLET, "public Money pay"));
    long ours = compilation.errors().stream().filter(d -> d.getMessage(null).contains("a type that does not exist")).count();
    assertEquals(1, ours);
    noCrash(compilation);
  }
}
