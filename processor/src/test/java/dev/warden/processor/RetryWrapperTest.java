package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.warden.processor.Compiled.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wrappers of methods with {@code @Retry} (on the method or its type): their source (golden
 * files, compared as syntax trees), their lint-free compilation, and what they do with the site,
 * run against {@link ScriptedSite} (the generated code with the runtime's site swapped for a
 * scripted one): a failed attempt goes to {@code retry}, whose permit runs the body again (or,
 * if it is a refusal, ends the call through {@code rejected}); {@code retry}'s exception leaves
 * the method. Methods without {@code @Retry} keep their shape exactly.
 */
class RetryWrapperTest {

  private static final String FLAKY = """
      package retry.run;
      import dev.warden.annotations.*;
      import java.io.IOException;
      import java.util.*;
      public class Flaky {
        public final List<String> seen = new ArrayList<>();
        /** How many attempts fail (with an IOException) before one succeeds. */
        public int failures;
        private void attempt(Object arguments) throws IOException {
          seen.add(String.valueOf(arguments));
          if (seen.size() <= failures) throw new IOException("boom " + seen.size());
        }
        @Retry
        public String fetch(String key, int n) throws IOException {
          attempt(key + n);
          key = "reassigned";
          n = -1;
          return key + n + "@" + seen.size();
        }
        @Retry
        public void store(String key) throws IOException {
          attempt(key);
        }
        @Retry
        public long total(long a, int b) throws IOException {
          attempt(a + "+" + b);
          return a + b + seen.size();
        }
        @Retry
        public <T extends Comparable<T>> T max(List<T> items) throws IOException {
          attempt(items);
          return Collections.max(items);
        }
        @CountCalls
        public String plain(String key) throws IOException {
          attempt(key);
          return key;
        }
      }
      """;

  private static final String LABELS = """
      package retry.run;
      import dev.warden.annotations.*;
      import java.util.*;
      @Retry(delayMillis = 0)
      public interface Labels {
        List<String> SEEN = new ArrayList<>();
        default String label(String sku) {
          SEEN.add(sku);
          if (SEEN.size() < 2) throw new IllegalStateException("boom " + SEEN.size());
          return "label:" + sku;
        }
        String code(String sku);
      }
      """;

  private static final String SHELF = """
      package retry.run;
      public class Shelf implements Labels {
        int calls;
        public String code(String sku) {
          if (++calls == 1) throw new IllegalArgumentException("first code fails");
          return sku.toUpperCase(java.util.Locale.ROOT);
        }
      }
      """;

  /** The fixtures, compiled with wrappers that call {@link ScriptedSite}. */
  private static Compiled scripted;

  @BeforeAll
  static void compileWithScriptedSites() {
    JavaFileObject[] fixtures = Compiled.sources("retry.run.Flaky", FLAKY, "retry.run.Labels", LABELS, "retry.run.Shelf", SHELF);
    Compilation generated = strict(Compiled.javac()).compile(fixtures);
    assertThat(generated).succeededWithoutWarnings();
    Compilation rewired = strict(Compiler.javac()).compile(
        fixtures[0], fixtures[1], fixtures[2],
        JavaFileObjects.forSourceString("retry.run.GuardedFlaky", ScriptedSite.rewire(generated, "retry.run.GuardedFlaky")),
        JavaFileObjects.forSourceString("retry.run.GuardedLabels", ScriptedSite.rewire(generated, "retry.run.GuardedLabels")));
    assertThat(rewired).succeededWithoutWarnings();
    scripted = Compiled.of(rewired);
  }

  private static Compiler strict(Compiler javac) {
    return javac.withOptions("-Xlint:all", "-Xlint:-processing", "-Werror");
  }

  @BeforeEach
  void resetTheScript() {
    ScriptedSite.reset();
  }

  @Test
  void classWrapperWithTypeLevelRetryValueVoidPrimitiveAndGenericMethods() throws IOException {
    GoldenSourceTest.assertGolden(strict(Compiled.javac()), "com/acme/RetryingClient.java", "com.acme.GuardedRetryingClient");
  }

  @Test
  void interfaceWrapperWithAsyncAndDefaultMethods() throws IOException {
    GoldenSourceTest.assertGolden(strict(Compiled.javac()), "com/acme/RetryingInventory.java",
        "com.acme.GuardedRetryingInventory");
  }

  /** In a class with {@code @Retry}, a method it does not apply to is generated exactly as without it. */
  @Test
  void aMethodWithoutRetryKeepsItsShapeToTheCharacter() throws IOException {
    Compilation compilation = Compiled.javac().compile(JavaFileObjects.forResource("golden/com/acme/RetryingClient.java"));
    String source = compilation.generatedSourceFile("com.acme.GuardedRetryingClient").orElseThrow()
        .getCharContent(true).toString();
    assertEquals("""
          @Override
          protected String local() {
            Object permit = LOCAL_4.enter();
            if (permit instanceof GuardRejectedException) {
              return (String) LOCAL_4.rejected(permit, this, null);
            }
            String result;
            try {
              result = super.local();
            } catch (Throwable failure) {
              LOCAL_4.onFailure(permit, failure);
              throw failure;
            }
            return LOCAL_4.onReturn(permit, result);
          }
        """, method(source, "local"));
  }

  @Test
  void aFailedAttemptRunsTheBodyAgainWithTheNextPermitAndTheSameArguments() throws Throwable {
    Object flaky = flaky(2);
    ScriptedSite.NEXT_PERMITS.addAll(List.of("permit-2", "permit-3"));
    assertEquals("reassigned-1@3", call(flaky, "fetch", "k", 7));
    assertEquals(List.of("k7", "k7", "k7"), seen(flaky), "each attempt gets the call's arguments");
    assertEquals(List.of("fetch: enter", "fetch: retry permit-1 boom 1", "fetch: retry permit-2 boom 2",
        "fetch: returned permit-3"), ScriptedSite.LOG);
  }

  /** An attempt that returned after its @Timeout deadline failed: returned() hands out the next permit. */
  @Test
  void anAttemptThatReturnedLateRunsTheBodyAgain() throws Throwable {
    Object flaky = flaky(0);
    ScriptedSite.LATE_PERMITS.add("permit-2");
    call(flaky, "store", "s");
    assertEquals(List.of("store: enter", "store: returned permit-1", "store: returned permit-2"), ScriptedSite.LOG);
    ScriptedSite.reset();
    ScriptedSite.LATE_PERMITS.add(ScriptedSite.REJECTION);
    ScriptedSite.rejectedResult = 99L;
    assertEquals(99L, call(flaky(0), "total", 40L, 3), "a refused next attempt ends the call through rejected");
  }

  @Test
  void voidPrimitiveAndGenericMethodsRetry() throws Throwable {
    Object flaky = flaky(1);
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    call(flaky, "store", "s");
    assertEquals(List.of("store: enter", "store: retry permit-1 boom 1", "store: returned permit-2"), ScriptedSite.LOG);

    flaky = flaky(1);
    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    assertEquals(45L, call(flaky, "total", 40L, 3));
    assertEquals(List.of("40+3", "40+3"), seen(flaky));
    assertEquals(List.of("total: enter", "total: retry permit-1 boom 1", "total: returned permit-2"), ScriptedSite.LOG);

    flaky = flaky(1);
    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    assertEquals("b", call(flaky, "max", List.of("a", "b")));
    assertEquals(List.of("max: enter", "max: retry permit-1 boom 1", "max: returned permit-2"), ScriptedSite.LOG);
  }

  @Test
  void aRefusalAsTheNextPermitEndsTheCallThroughRejectedWithoutRunningTheBody() throws Throwable {
    Object flaky = flaky(5);
    ScriptedSite.NEXT_PERMITS.add(ScriptedSite.REJECTION);
    ScriptedSite.rejectedResult = "fallback";
    assertEquals("fallback", call(flaky, "fetch", "k", 1));
    assertEquals(List.of("k1"), seen(flaky));
    assertEquals(List.of("fetch: enter", "fetch: retry permit-1 boom 1", "fetch: rejected REJECTION [k, 1]"),
        ScriptedSite.LOG);

    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add(ScriptedSite.REJECTION);
    ScriptedSite.rejectedResult = 99L;
    assertEquals(99L, call(flaky(5), "total", 1L, 2));
    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add(ScriptedSite.REJECTION);
    call(flaky(5), "store", "s");
    assertEquals(List.of("store: enter", "store: retry permit-1 boom 1", "store: rejected REJECTION [s]"),
        ScriptedSite.LOG);
  }

  @Test
  void whatRetryThrowsLeavesTheMethodUnchanged() throws Throwable {
    Object flaky = flaky(5);
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    IOException last = assertThrows(IOException.class, () -> call(flaky, "fetch", "k", 1));
    assertEquals("boom 2", last.getMessage());
    assertEquals(List.of("k1", "k1"), seen(flaky));
    assertEquals(List.of("fetch: enter", "fetch: retry permit-1 boom 1", "fetch: retry permit-2 boom 2"),
        ScriptedSite.LOG);
  }

  @Test
  void aMethodWithoutRetryNeverCallsRetry() throws Throwable {
    Object flaky = flaky(5);
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    assertEquals("boom 1", assertThrows(IOException.class, () -> call(flaky, "plain", "p")).getMessage());
    assertEquals(List.of("p"), seen(flaky));
    assertEquals(List.of("plain: enter", "plain: onFailure permit-1 boom 1"), ScriptedSite.LOG);
  }

  /** A woven default body may run within each attempt: every attempt is marked as guarded on its own. */
  @Test
  void everyAttemptOfADefaultMethodIsMarkedAsGuarded() throws Throwable {
    Object labels = scripted.create("retry.run.GuardedLabels", scripted.create("retry.run.Shelf"));
    @SuppressWarnings("unchecked")
    List<String> seen = (List<String>) scripted.type("retry.run.Labels").getField("SEEN").get(null);
    seen.clear();
    ScriptedSite.NEXT_PERMITS.addAll(List.of("permit-2", "permit-2b"));
    assertEquals("label:x", call(labels, "label", "x"));
    assertEquals(List.of("x", "x"), seen);
    assertEquals("Y", call(labels, "code", "y"), "type-level @Retry on the delegated method");
    assertEquals(List.of("label: enter", "label: begin", "label: end outer", "label: retry permit-1 boom 1",
        "label: begin", "label: end outer", "label: returned permit-2",
        "code: enter", "code: retry permit-1 first code fails", "code: returned permit-2b"), ScriptedSite.LOG);
  }

  private static Object flaky(int failures) throws Throwable {
    Object flaky = scripted.create("retry.run.GuardedFlaky");
    flaky.getClass().getField("failures").setInt(flaky, failures);
    return flaky;
  }

  @SuppressWarnings("unchecked")
  private static List<String> seen(Object flaky) throws ReflectiveOperationException {
    return (List<String>) flaky.getClass().getField("seen").get(flaky);
  }

  /** The text of the method {@code name} in {@code source}: from its {@code @Override} line to its closing brace. */
  private static String method(String source, String name) {
    Matcher start = Pattern.compile("(?m)^  @Override\\n(  @\\w+.*\\n)*  [^\\n]* " + name + "\\(").matcher(source);
    if (!start.find()) {
      throw new AssertionError("no method " + name + " in\n" + source);
    }
    int end = source.indexOf("\n  }\n", start.start()) + "\n  }\n".length();
    return source.substring(start.start(), end);
  }
}
