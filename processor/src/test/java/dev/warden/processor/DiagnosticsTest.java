package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every compile error and warning of the processor: message, file and line. */
class DiagnosticsTest {

  private static final String HEADER = """
      package diag;
      import dev.warden.annotations.*;
      import dev.warden.runtime.*;
      """;

  /** Compiles {@code diag.Subject} with {@code body} after the imports. */
  private record Result(Compilation compilation, JavaFileObject file, String source) {
    int line(String marker) {
      String[] lines = source.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(marker)) {
          return i + 1;
        }
      }
      throw new AssertionError("no line with " + marker);
    }

    void error(String message, String marker) {
      assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(line(marker));
      assertThat(compilation).hadErrorCount(1);
    }

    void warning(String message, String marker) {
      assertThat(compilation).succeeded();
      assertThat(compilation).hadWarningContaining(message).inFile(file).onLine(line(marker));
      assertThat(compilation).hadWarningCount(1);
    }
  }

  private static Result compile(String body) {
    String source = HEADER + body;
    JavaFileObject file = JavaFileObjects.forSourceString("diag.Subject", source);
    return new Result(Compiled.javac().compile(file), file, source);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 | 0.0",
      "-2.5 | -2.5",
      "0.0 / 0.0 | NaN",
      "1.0 / 0.0 | Infinity"})
  void callsPerSecondMustBeFinitePositive(String written, String reported) {
    compile("""
        public class Subject {
          @Throttled(callsPerSecond = %s) // here
          public void m() {}
        }
        """.formatted(written))
        .error("Invalid @Throttled(callsPerSecond=" + reported + ") on diag.Subject#m: callsPerSecond must be finite and > 0",
            "// here");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Throttled(callsPerSecond = 1, burst = 0)       | burst=0          | burst must be >= 1",
      "Throttled(callsPerSecond = 1, maxWaitMillis = -1) | maxWaitMillis=-1 | maxWaitMillis must be >= 0",
      "Breaker(failureThreshold = 0)                  | failureThreshold=0 | failureThreshold must be >= 1",
      "Breaker(cooldownMillis = -5)                   | cooldownMillis=-5  | cooldownMillis must be >= 0",
      "Breaker(halfOpenCalls = 0)                     | halfOpenCalls=0    | halfOpenCalls must be >= 1",
      "Bulkhead(maxConcurrent = 0)                    | maxConcurrent=0    | maxConcurrent must be >= 1",
      "Bulkhead(maxConcurrent = 1, maxWaitMillis = -1) | maxWaitMillis=-1  | maxWaitMillis must be >= 0",
      "Timeout(millis = 0)                            | millis=0           | millis must be >= 1"})
  void invalidValuesNameTheAttributeAndTheValue(String annotation, String attribute, String rule) {
    String kind = annotation.substring(0, annotation.indexOf('('));
    compile("""
        public class Subject {
          @%s // here
          public void m() {}
        }
        """.formatted(annotation))
        .error("Invalid @" + kind + "(" + attribute + ") on diag.Subject#m: " + rule, "// here");
  }

  @Test
  void invalidTypeLevelValueIsReportedOnTheType() {
    compile("""
        @Breaker(halfOpenCalls = -1) // here
        public class Subject {
          public void m() {}
          public void n() {}
        }
        """)
        .error("Invalid @Breaker(halfOpenCalls=-1) on diag.Subject: halfOpenCalls must be >= 1", "// here");
  }

  @Test
  void fallbackThatNamesNoMethod() {
    compile("""
        public class Subject {
          @Breaker(fallback = "nowhere") // here
          public String m(String s, int i) { return s; }
        }
        """)
        .error("Invalid @Breaker(fallback=\"nowhere\") on diag.Subject#m: no method nowhere(java.lang.String, int)"
            + " (optionally with a trailing parameter that accepts CircuitOpenException) in diag.Subject", "// here");
  }

  @Test
  void fallbackWithOtherParameters() {
    compile("""
        public class Subject {
          @Throttled(callsPerSecond = 1, fallback = "fb") // here
          public String m(String s) { return s; }
          String fb(Object s) { return ""; }
          String fb(String s, CircuitOpenException e) { return ""; }
        }
        """)
        .error("Invalid @Throttled(fallback=\"fb\") on diag.Subject#m: no method fb(java.lang.String)"
            + " (optionally with a trailing parameter that accepts ThrottledException)", "// here");
  }

  @Test
  void bulkheadFallbackWithOtherParametersNamesBulkheadFullException() {
    compile("""
        public class Subject {
          @Bulkhead(maxConcurrent = 2, fallback = "fb") // here
          public String m(String s) { return s; }
          String fb(String s, ThrottledException e) { return ""; }
        }
        """)
        .error("Invalid @Bulkhead(fallback=\"fb\") on diag.Subject#m: no method fb(java.lang.String)"
            + " (optionally with a trailing parameter that accepts BulkheadFullException)", "// here");
  }

  @Test
  void fallbackWithUnassignableReturnType() {
    compile("""
        public class Subject {
          @Breaker(fallback = "fb") // here
          public Integer m(String s) { return 1; }
          String fb(String s, Throwable e) { return ""; }
        }
        """)
        .error("Invalid @Breaker(fallback=\"fb\") on diag.Subject#m: fallback fb returns java.lang.String,"
            + " which is not assignable to java.lang.Integer", "// here");
  }

  @Test
  void staticGuardedMethodNeedsStaticFallback() {
    Result result = compile("""
        public class Subject {
          @Breaker(fallback = "fb") // here
          public static String m() { return ""; }
          String fb() { return ""; }
        }
        """);
    assertThat(result.compilation()).hadErrorContaining(
            "Invalid @Breaker(fallback=\"fb\") on diag.Subject#m: the guarded method is static, so fallback fb must be static")
        .inFile(result.file()).onLine(result.line("// here"));
    assertThat(result.compilation()).hadErrorCount(1);
  }

  @Test
  void sharedNameWithDifferentConfiguration() {
    compile("""
        public class Subject {
          @Throttled(callsPerSecond = 10, name = "api")
          public void a() {}
          @Throttled(callsPerSecond = 5, burst = 2, name = "api") // here
          public void b() {}
          @Throttled(callsPerSecond = 10, name = "api")
          public void c() {}
        }
        """)
        .error("@Throttled(name=\"api\") on diag.Subject#b shares its guard with diag.Subject#a but has a different"
            + " configuration (callsPerSecond=5.0 vs 10.0, burst=2 vs 1): declarations sharing a name must agree",
            "// here");
  }

  @Test
  void overloadsShareTheDefaultName() {
    compile("""
        public class Subject {
          @Breaker(failureThreshold = 3)
          public void m() {}
          @Breaker(failureThreshold = 4) // here
          public void m(int i) {}
        }
        """)
        .error("@Breaker(name=\"diag.Subject#m\") on diag.Subject#m shares its guard with diag.Subject#m but has a"
            + " different configuration (failureThreshold=4 vs 3)", "// here");
  }

  @Test
  void sharedNameAcrossTypesOfOneCompilation() {
    JavaFileObject first = JavaFileObjects.forSourceString("diag.First", HEADER + """
        public class First {
          @Breaker(cooldownMillis = 1000, name = "db")
          public void a() {}
        }
        """);
    String secondSource = HEADER + """
        public class Second {
          @Breaker(cooldownMillis = 2000, name = "db")
          public void b() {}
        }
        """;
    JavaFileObject second = JavaFileObjects.forSourceString("diag.Second", secondSource);
    Compilation compilation = Compiled.javac().compile(first, second);
    assertThat(compilation).hadErrorContaining("@Breaker(name=\"db\") on diag.Second#b shares its guard with diag.First#a")
        .inFile(second).onLine(5);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void guardedMethodInFinalClass() {
    compile("""
        public final class Subject {
          @CountCalls // here
          public void m() {}
        }
        """)
        .error("diag.Subject#m is guarded, but diag.Subject is final: the processor cannot generate a wrapper for it",
            "// here");
  }

  @Test
  void typeLevelAnnotationOnRecord() {
    compile("""
        @CountCalls // here
        public record Subject(int x) {
          public int twice() { return 2 * x; }
        }
        """)
        .error("diag.Subject#twice is guarded, but diag.Subject is a record", "// here");
  }

  @Test
  void guardedMethodInInnerClass() {
    Result result = compile("""
        public class Subject {
          public class Inner {
            @CountCalls // here
            public void m() {}
          }
        }
        """);
    result.error("diag.Subject$Inner#m is guarded, but diag.Subject$Inner is an inner (non-static) class", "// here");
  }

  @Test
  void abstractGuardedMethodInClass() {
    compile("""
        public abstract class Subject {
          @CountCalls // here
          public abstract void m();
        }
        """)
        .error("diag.Subject#m is abstract: a generated subclass has no body to guard", "// here");
  }

  @Test
  void classWithoutAccessibleConstructor() {
    compile("""
        public class Subject { // here
          private Subject() {}
          @CountCalls
          public void m() {}
        }
        """)
        .error("diag.Subject has guarded methods but no non-private constructor", "// here");
  }

  @ParameterizedTest
  @CsvSource({"private", "static", "final"})
  void agentOnlyMethodsAreWarningsAndGetNoWrapper(String modifier) {
    Result result = compile("""
        public class Subject {
          @CountCalls // here
          %s void m() {}
        }
        """.formatted(modifier));
    result.warning("diag.Subject#m is " + modifier + ": only the Warden agent can guard it; the processor skips it",
        "// here");
    assertTrue(result.compilation().generatedSourceFiles().isEmpty());
  }

  /**
   * Defect 14: a type-level annotation on an abstract class guards its concrete public methods and
   * skips its abstract ones (as the agent does), instead of a compile error for each abstract one.
   */
  @Test
  void typeLevelAnnotationOnAnAbstractClassSkipsItsAbstractMethods() {
    Result result = compile("""
        @CountCalls
        public abstract class Subject {
          public abstract void m();
          public void n() {}
        }
        """);
    assertThat(result.compilation()).succeededWithoutWarnings();
    assertThat(result.compilation()).generatedSourceFile("diag.GuardedSubject")
        .contentsAsUtf8String().contains("public void n()");
    assertThat(result.compilation()).generatedSourceFile("diag.GuardedSubject")
        .contentsAsUtf8String().doesNotContain("void m()");
  }

  /** Defect 11 (rule part): a CompletionStage type Warden cannot create is a compile error naming method and type. */
  @Test
  void anUncreatableCompletionStageReturnTypeIsAnError() {
    compile("""
        public class Subject {
          public static class Stage<T> extends java.util.concurrent.CompletableFuture<T> {
            public Stage(int ignored) {}
          }
          @CountCalls // here
          public Stage<String> m() { return null; }
        }
        """)
        .error("Invalid return type of diag.Subject#m: diag.Subject$Stage is a CompletionStage Warden cannot create;"
            + " a guarded method may return CompletionStage, CompletableFuture or a non-abstract subclass of"
            + " CompletableFuture with a public no-argument constructor", "// here");
  }

  @Test
  void aCreatableCompletableFutureSubclassIsAccepted() {
    Result result = compile("""
        public class Subject {
          public static class Stage<T> extends java.util.concurrent.CompletableFuture<T> {
          }
          @CountCalls
          public Stage<String> m() { return null; }
        }
        """);
    assertThat(result.compilation()).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "maxAttempts = 0                      | maxAttempts=0    | maxAttempts must be >= 1, got 0",
      "maxAttempts = -3                     | maxAttempts=-3   | maxAttempts must be >= 1, got -3",
      "delayMillis = -1                     | delayMillis=-1   | delayMillis must be >= 0, got -1",
      "multiplier = 0.5                     | multiplier=0.5   | multiplier must be >= 1.0 and finite, got 0.5",
      "multiplier = 0.0 / 0.0               | multiplier=NaN   | multiplier must be >= 1.0 and finite, got NaN",
      "multiplier = 1.0 / 0.0               | multiplier=Infinity | multiplier must be >= 1.0 and finite, got Infinity",
      "maxDelayMillis = 999                 | maxDelayMillis=999 | maxDelayMillis must be >= delayMillis (1000)"
          + " and <= 4611686018427 (2^62 ns, about 146 years), got 999",
      "maxDelayMillis = 4611686018428L      | maxDelayMillis=4611686018428 | maxDelayMillis must be >= delayMillis (1000)"
          + " and <= 4611686018427 (2^62 ns, about 146 years), got 4611686018428",
      "jitter = 1.5                         | jitter=1.5       | jitter must be from 0 to 1, got 1.5",
      "jitter = -0.1                        | jitter=-0.1      | jitter must be from 0 to 1, got -0.1",
      "jitter = 0.0 / 0.0                   | jitter=NaN       | jitter must be from 0 to 1, got NaN"})
  void invalidRetryValuesNameTheAttributeAndTheValue(String written, String attribute, String rule) {
    compile("""
        public class Subject {
          @Retry(%s) // here
          public String m() { return ""; }
        }
        """.formatted(written))
        .error("Invalid @Retry(" + attribute + ") on diag.Subject#m: " + rule, "// here");
  }

  @Test
  void aMaxDelayBelowTheDelayIsReportedOnItsValue() {
    compile("""
        public class Subject {
          @Retry(delayMillis = 500,
              maxDelayMillis = 100) // here
          public void m() {}
        }
        """)
        .error("Invalid @Retry(maxDelayMillis=100) on diag.Subject#m: maxDelayMillis must be >= delayMillis (500)"
            + " and <= 4611686018427 (2^62 ns, about 146 years), got 100", "// here");
  }

  @Test
  void invalidTypeLevelRetryIsReportedOnTheType() {
    compile("""
        @Retry(jitter = 2) // here
        public class Subject {
          public void m() {}
        }
        """)
        .error("Invalid @Retry(jitter=2.0) on diag.Subject: jitter must be from 0 to 1, got 2.0", "// here");
  }

  @Test
  void retriesSharingANameMustAgree() {
    compile("""
        public class Subject {
          @Retry(name = "partner", retryOn = java.io.IOException.class)
          public void a() {}
          @Retry(name = "partner", maxAttempts = 5) // here
          public void b() {}
        }
        """)
        .error("@Retry(name=\"partner\") on diag.Subject#b shares its guard with diag.Subject#a but has a different"
            + " configuration (maxAttempts=5 vs 3, retryOn=[java.lang.Exception] vs [java.io.IOException]):"
            + " declarations sharing a name must agree", "// here");
  }

  @Test
  void aValidRetryCompilesWithoutWarnings() {
    Result result = compile("""
        public class Subject {
          @Retry(maxAttempts = 1, delayMillis = 0, multiplier = 1.0, maxDelayMillis = 0, jitter = 0)
          public void once() {}
          @Retry(maxAttempts = 5, delayMillis = 200, multiplier = 1.5, maxDelayMillis = 4611686018427L, jitter = 1,
              retryOn = {java.io.IOException.class, CircuitOpenException.class, AssertionError.class},
              abortOn = java.io.FileNotFoundException.class, name = "partner")
          @Breaker
          @CountCalls
          public String offer(String sku) throws java.io.IOException { return sku; }
          @Retry
          public java.util.concurrent.CompletableFuture<String> async() { return null; }
        }
        """);
    assertThat(result.compilation()).succeededWithoutWarnings();
  }

  @Test
  void aTypesRetryAppliesToItsPublicMethods() {
    Result result = compile("""
        @Retry(maxAttempts = 2)
        public class Subject {
          public String lookup(String key) { return key; }
          void internal() {}
          public static void util() {}
        }
        """);
    assertThat(result.compilation()).succeededWithoutWarnings();
    assertThat(result.compilation()).generatedSourceFile("diag.GuardedSubject")
        .contentsAsUtf8String().contains("public String lookup(String key)");
    assertThat(result.compilation()).generatedSourceFile("diag.GuardedSubject")
        .contentsAsUtf8String().doesNotContain("internal()");
    assertThat(result.compilation()).generatedSourceFile("diag.GuardedSubject")
        .contentsAsUtf8String().doesNotContain("util()");
  }
}
