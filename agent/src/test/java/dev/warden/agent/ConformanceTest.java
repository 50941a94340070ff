package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.processor.WardenProcessor;
import dev.warden.runtime.CallTimeoutException;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.Warden;
import dev.warden.runtime.rules.GuardEntries;
import dev.warden.runtime.rules.GuardEntry;
import dev.warden.runtime.site.ConfiguredMethods;
import dev.warden.runtime.site.GuardSite;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * One table of declarations judged in all three modes by their own adapter to the shared rules:
 * the processor (compiling the snippet with it), the agent ({@link GuardedMethods} on a type pool
 * over the compiled classes) and the runtime (the site of the loaded method). Each must reach the
 * same verdict (guarded, not guarded, or an error) with the same message. A guard entry equivalent
 * to a row's method annotations, on the same class compiled without them, reaches the same verdict
 * through the agent and the runtime, with the same message naming the entry instead.
 *
 * <p>Not in the table, because the modes differ on purpose: shared names (a compile error where
 * the processor sees both declarations, a warning at run time), overrides (read at weave and run
 * time only), static, private and final methods (only the agent guards them), annotations on
 * abstract interface methods (the processor's delegating wrapper only).
 */
class ConformanceTest {

  /** What a mode makes of the method: guarded, not guarded, or the error message ({S} = the class). */
  record Verdict(String kind, String message) {
    static final Verdict GUARDED = new Verdict("guarded", null);
    static final Verdict UNGUARDED = new Verdict("not guarded", null);

    static Verdict error(String message) {
      return new Verdict("error", message);
    }
  }

  /** A snippet: the type {@code Subject} in package {@code conf.<id>}, and the method to judge. */
  record Case(String id, String method, Verdict expected, String source) {
    String className() {
      return "conf." + id + ".Subject";
    }

    Verdict expectedHere() {
      return expected.message() == null ? expected : Verdict.error(expected.message().replace("{S}", className()));
    }
  }

  private static Case valid(String id, String source) {
    return new Case(id, "m", Verdict.GUARDED, source);
  }

  private static Case error(String id, String message, String source) {
    return new Case(id, "m", Verdict.error(message), source);
  }

  private static final String FALLBACK = "Invalid @Breaker(fallback=\"fb\") on {S}#m: ";
  private static final String THROTTLED_FALLBACK = "Invalid @Throttled(fallback=\"fb\") on {S}#m: ";
  private static final String UNCREATABLE = " is a CompletionStage Warden cannot create; a guarded method may return"
      + " CompletionStage, CompletableFuture or a non-abstract subclass of CompletableFuture with a public"
      + " no-argument constructor";

  static final List<Case> TABLE = List.of(
      // Valid declarations and fallbacks
      valid("plain", "public class Subject { @Throttled(callsPerSecond = 1) public String m() { return \"\"; } }"),
      valid("sameParameters", """
          public class Subject {
            @Breaker(fallback = "fb") public String m(String s, int i) { return s; }
            String fb(String s, int i) { return ""; }
          }"""),
      valid("trailingThrowable", """
          public class Subject {
            @Breaker(fallback = "fb") public String m(String s) { return s; }
            String fb(String s, Throwable t) { return ""; }
          }"""),
      valid("trailingRejection", """
          public class Subject {
            @Throttled(callsPerSecond = 1, fallback = "fb") public String m(String s) { return s; }
            String fb(String s, ThrottledException e) { return ""; }
          }"""),
      valid("trailingCommonSupertype", """
          public class Subject {
            @Breaker(fallback = "fb") @Throttled(callsPerSecond = 1, fallback = "fb") public String m() { return ""; }
            String fb(GuardRejectedException e) { return ""; }
          }"""),
      valid("protectedWithPrivate", """
          public class Subject {
            @Breaker(fallback = "fb") protected String m() { return ""; }
            private String fb() { return ""; }
          }"""),
      valid("instanceWithStatic", """
          public class Subject {
            @Breaker(fallback = "fb") public String m() { return ""; }
            static String fb() { return ""; }
          }"""),
      valid("voidTakesAnything", """
          public class Subject {
            @Breaker(fallback = "fb") public void m() {}
            String fb() { return ""; }
          }"""),
      valid("subtypeReturn", """
          public class Subject {
            @Breaker(fallback = "fb") public CharSequence m() { return ""; }
            String fb() { return ""; }
          }"""),
      valid("primitiveReturn", """
          public class Subject {
            @Breaker(fallback = "fb") public int m(int x) { return x; }
            int fb(int x, CircuitOpenException e) { return 0; }
          }"""),
      valid("varargs", """
          public class Subject {
            @Throttled(callsPerSecond = 1, fallback = "fb") public String m(String... parts) { return ""; }
            String fb(String... parts) { return ""; }
          }"""),
      valid("arrays", """
          public class Subject {
            @Breaker(fallback = "fb") public int[] m(String[][] grid) { return null; }
            int[] fb(String[][] grid) { return null; }
          }"""),
      valid("genericMethod", """
          public class Subject {
            @Breaker(fallback = "fb") public <T extends Number> T m(T x) { return x; }
            <N extends Number> N fb(N x) { return x; }
          }"""),
      valid("genericClass", """
          public class Subject<T> {
            @Breaker(fallback = "fb") public T m(T x, List<? extends T> xs) { return x; }
            T fb(T x, List<T> xs) { return x; }
          }"""),
      valid("overloads", """
          public class Subject {
            @Breaker(fallback = "fb") public String m(int x) { return ""; }
            String fb() { return ""; }
            String fb(int x) { return ""; }
            String fb(long x) { return ""; }
          }"""),
      valid("bridgeTwin", """
          public class Subject implements Supplier<String> {
            @Override public String get() { return ""; }
            @Throttled(callsPerSecond = 1, fallback = "get") public String m() { return ""; }
          }"""),
      valid("nestedTypes", """
          public class Subject {
            public static class Item {}
            @Breaker(fallback = "fb") public Item m(Item item) { return item; }
            Item fb(Item item, Throwable t) { return item; }
          }"""),
      valid("synchronizedMethod", """
          public class Subject {
            @Breaker(fallback = "fb") public synchronized String m() { return ""; }
            synchronized String fb(Throwable t) { return ""; }
          }"""),
      valid("defaultMethod", """
          public interface Subject {
            @Throttled(callsPerSecond = 1, fallback = "fb") default String m(int x) { return ""; }
            default String fb(int x, ThrottledException e) { return ""; }
          }"""),
      error("defaultMethodBadFallback", "Invalid @Throttled(fallback=\"fb\") on {S}#m: no method fb(int)"
          + " (optionally with a trailing parameter that accepts ThrottledException) in {S}", """
          public interface Subject {
            @Throttled(callsPerSecond = 1, fallback = "fb") default String m(int x) { return ""; }
            default String fb(long x) { return ""; }
          }"""),
      valid("bulkheadFallback", """
          public class Subject {
            @Bulkhead(maxConcurrent = 2, fallback = "fb") public String m(String s) { return s; }
            String fb(String s, BulkheadFullException e) { return ""; }
          }"""),
      valid("fallbackSharedByThrottledAndBulkhead", """
          public class Subject {
            @Throttled(callsPerSecond = 1, fallback = "fb") @Bulkhead(maxConcurrent = 2, fallback = "fb")
            public String m(int x) { return ""; }
            String fb(int x, GuardRejectedException e) { return ""; }
          }"""),
      valid("timeout", "public class Subject { @Timeout(millis = 10) public String m() { return \"\"; } }"),
      valid("timeoutOnFuture", """
          public class Subject {
            @Timeout(millis = 10, interrupt = false) public CompletableFuture<String> m() { return null; }
          }"""),
      error("bulkheadFallbackOtherRejection", "Invalid @Bulkhead(fallback=\"fb\") on {S}#m: no method fb() (optionally"
          + " with a trailing parameter that accepts BulkheadFullException) in {S}", """
          public class Subject {
            @Bulkhead(maxConcurrent = 1, fallback = "fb") public String m() { return ""; }
            String fb(ThrottledException e) { return ""; }
          }"""),
      // @Retry: on the method, on the type (public methods only), with an inner guard's fallback, on a stage
      valid("retry", "public class Subject { @Retry public String m() { return \"\"; } }"),
      valid("typeLevelRetry", "@Retry(maxAttempts = 2) public class Subject { public void m() {} }"),
      new Case("typeLevelRetryProtected", "m", Verdict.UNGUARDED,
          "@Retry public class Subject { protected void m() {} public void other() {} }"),
      valid("retryWithBreakerFallback", """
          public class Subject {
            @Retry(delayMillis = 0) @Breaker(fallback = "fb") public int m(int x) { return x; }
            int fb(int x, CircuitOpenException e) { return 0; }
          }"""),
      valid("retryOnFuture", """
          public class Subject { @Retry public CompletableFuture<String> m() { return null; } }"""),
      badValue("retryNoAttempt", "Retry(maxAttempts = 0)", "maxAttempts=0", "maxAttempts must be >= 1, got 0"),
      badValue("retryShrinking", "Retry(multiplier = 0.5)", "multiplier=0.5", "multiplier must be >= 1.0 and finite, got 0.5"),
      badValue("retryJitter", "Retry(jitter = 1.5)", "jitter=1.5", "jitter must be from 0 to 1, got 1.5"),
      valid("completionStage", """
          public class Subject { @CountCalls public CompletionStage<String> m() { return null; } }"""),
      valid("completableFuture", """
          public class Subject { @CountCalls public CompletableFuture<String> m() { return null; } }"""),
      valid("creatableFuture", """
          public class Subject {
            public static class Reply<T> extends CompletableFuture<T> {}
            @CountCalls public Reply<String> m() { return null; }
          }"""),

      // Fallbacks that do not fit
      error("noMethod", FALLBACK + "no method fb(java.lang.String, int) (optionally with a trailing parameter that"
          + " accepts CircuitOpenException) in {S}", """
          public class Subject { @Breaker(fallback = "fb") public String m(String s, int i) { return s; } }"""),
      error("otherParameters", THROTTLED_FALLBACK + "no method fb(java.lang.String) (optionally with a trailing"
          + " parameter that accepts ThrottledException) in {S}", """
          public class Subject {
            @Throttled(callsPerSecond = 1, fallback = "fb") public String m(String s) { return s; }
            String fb(Object s) { return ""; }
          }"""),
      error("otherRejection", THROTTLED_FALLBACK + "no method fb() (optionally with a trailing"
          + " parameter that accepts ThrottledException) in {S}", """
          public class Subject {
            @Throttled(callsPerSecond = 1, fallback = "fb") public String m() { return ""; }
            String fb(CircuitOpenException e) { return ""; }
          }"""),
      error("trailingObject", FALLBACK + "no method fb() (optionally with a trailing parameter that accepts"
          + " CircuitOpenException) in {S}", """
          public class Subject {
            @Breaker(fallback = "fb") public String m() { return ""; }
            String fb(Object rejection) { return ""; }
          }"""),
      error("varargsAgainstArray", FALLBACK + "no method fb(java.lang.String[]) (optionally with a trailing"
          + " parameter that accepts CircuitOpenException) in {S}", """
          public class Subject {
            @Breaker(fallback = "fb") public String m(String... parts) { return ""; }
            String fb(String part) { return ""; }
          }"""),
      error("unassignableReturn", FALLBACK + "fallback fb returns java.lang.String, which is not assignable to"
          + " java.lang.Integer", """
          public class Subject {
            @Breaker(fallback = "fb") public Integer m() { return 1; }
            String fb(Throwable t) { return ""; }
          }"""),
      error("widenedPrimitive", FALLBACK + "fallback fb returns int, which is not assignable to long", """
          public class Subject {
            @Breaker(fallback = "fb") public long m() { return 1; }
            int fb() { return 1; }
          }"""),
      error("boxedPrimitive", FALLBACK + "fallback fb returns java.lang.Integer, which is not assignable to int", """
          public class Subject {
            @Breaker(fallback = "fb") public int m() { return 1; }
            Integer fb() { return 1; }
          }"""),
      error("voidFallback", FALLBACK + "fallback fb returns void, which is not assignable to java.lang.String", """
          public class Subject {
            @Breaker(fallback = "fb") public String m() { return ""; }
            void fb() {}
          }"""),
      error("staticNeedsStatic", FALLBACK + "the guarded method is static, so fallback fb must be static", """
          public class Subject {
            @Breaker(fallback = "fb") public static String m() { return ""; }
            String fb() { return ""; }
          }"""),
      error("oneOverloadDoesNotFit", FALLBACK + "fallback fb returns java.lang.Object, which is not assignable to"
          + " java.lang.String", """
          public class Subject {
            @Breaker(fallback = "fb") public String m() { return ""; }
            String fb() { return ""; }
            Object fb(Throwable t) { return ""; }
          }"""),

      // Every bad value of every attribute
      badValue("rateZero", "Throttled(callsPerSecond = 0)", "callsPerSecond=0.0", "callsPerSecond must be finite and > 0, got 0.0"),
      badValue("rateNegative", "Throttled(callsPerSecond = -2.5)", "callsPerSecond=-2.5", "callsPerSecond must be finite and > 0, got -2.5"),
      badValue("rateNaN", "Throttled(callsPerSecond = 0.0 / 0.0)", "callsPerSecond=NaN", "callsPerSecond must be finite and > 0, got NaN"),
      badValue("rateInfinite", "Throttled(callsPerSecond = 1.0 / 0.0)", "callsPerSecond=Infinity", "callsPerSecond must be finite and > 0, got Infinity"),
      badValue("burstZero", "Throttled(callsPerSecond = 1, burst = 0)", "burst=0", "burst must be >= 1, got 0"),
      badValue("maxWaitNegative", "Throttled(callsPerSecond = 1, maxWaitMillis = -1)", "maxWaitMillis=-1", "maxWaitMillis must be >= 0, got -1"),
      badValue("thresholdZero", "Breaker(failureThreshold = 0)", "failureThreshold=0", "failureThreshold must be >= 1, got 0"),
      badValue("cooldownNegative", "Breaker(cooldownMillis = -5)", "cooldownMillis=-5", "cooldownMillis must be >= 0, got -5"),
      badValue("halfOpenZero", "Breaker(halfOpenCalls = 0)", "halfOpenCalls=0", "halfOpenCalls must be >= 1, got 0"),
      badValue("maxConcurrentZero", "Bulkhead(maxConcurrent = 0)", "maxConcurrent=0", "maxConcurrent must be >= 1, got 0"),
      badValue("bulkheadMaxWaitNegative", "Bulkhead(maxConcurrent = 1, maxWaitMillis = -1)", "maxWaitMillis=-1",
          "maxWaitMillis must be >= 0, got -1"),
      badValue("millisZero", "Timeout(millis = 0)", "millis=0",
          "millis must be >= 1 and <= 4611686018427 (2^62 ns, about 146 years), got 0"),
      error("badTypeLevelValue", "Invalid @Breaker(halfOpenCalls=-1) on {S}: halfOpenCalls must be >= 1, got -1", """
          @Breaker(halfOpenCalls = -1)
          public class Subject { public void m() {} }"""),

      // Class-level rule
      valid("typeLevelPublic", "@CountCalls public class Subject { public void m() {} }"),
      valid("typeLevelBulkhead", "@Bulkhead(maxConcurrent = 1) public class Subject { public void m() {} }"),
      new Case("typeLevelBulkheadStatic", "m", Verdict.UNGUARDED,
          "@Bulkhead(maxConcurrent = 1) public class Subject { public static void m() {} public void other() {} }"),
      new Case("typeLevelStatic", "m", Verdict.UNGUARDED,
          "@CountCalls public class Subject { public static void m() {} public void other() {} }"),
      new Case("typeLevelPackagePrivate", "m", Verdict.UNGUARDED,
          "@CountCalls public class Subject { void m() {} public void other() {} }"),
      new Case("typeLevelAbstractClassAbstractMethod", "m", Verdict.UNGUARDED,
          "@CountCalls public abstract class Subject { public abstract void m(); public void other() {} }"),
      new Case("typeLevelAbstractClassConcreteMethod", "m", Verdict.GUARDED,
          "@CountCalls public abstract class Subject { public abstract void other(); public void m() {} }"),
      new Case("typeLevelOwnReplaces", "m", Verdict.error(
          "Invalid @Throttled(burst=0) on {S}#m: burst must be >= 1, got 0"), """
          @Throttled(callsPerSecond = 1)
          public class Subject { @Throttled(callsPerSecond = 1, burst = 0) public void m() {} }"""),

      // Asynchronous return types
      error("futureWithoutNoArgConstructor", "Invalid return type of {S}#m: {S}$Reply" + UNCREATABLE, """
          public class Subject {
            public static class Reply<T> extends CompletableFuture<T> { public Reply(int x) {} }
            @CountCalls public Reply<String> m() { return null; }
          }"""),
      error("abstractFuture", "Invalid return type of {S}#m: {S}$Reply" + UNCREATABLE, """
          public class Subject {
            public abstract static class Reply<T> extends CompletableFuture<T> {}
            @CountCalls public Reply<String> m() { return null; }
          }"""),
      error("otherStage", "Invalid return type of {S}#m: {S}$Stage" + UNCREATABLE, """
          public class Subject {
            public interface Stage<T> extends CompletionStage<T> {}
            @Breaker public Stage<String> m() { return null; }
          }"""));

  private static Case badValue(String id, String annotation, String attribute, String rule) {
    String kind = annotation.substring(0, annotation.indexOf('('));
    return error(id, "Invalid @" + kind + "(" + attribute + ") on {S}#m: " + rule,
        "public class Subject { @" + annotation + " public void m() {} }");
  }

  private static final String HEADER = """
      import dev.warden.annotations.*;
      import dev.warden.runtime.*;
      import java.util.*;
      import java.util.concurrent.*;
      import java.util.function.*;
      """;

  @TempDir static Path scratch;
  private static Compiled withProcessor;
  private static Compiled classes;
  private static Compiled unannotated;

  @BeforeAll
  static void compileTheTable() throws IOException {
    withProcessor = Compiled.compile(true, Files.createDirectory(scratch.resolve("processed")));
    classes = Compiled.compile(false, Files.createDirectory(scratch.resolve("classes")));
    unannotated = Compiled.compile(UNANNOTATED, ConformanceTest::withoutAnnotations, false,
        Files.createDirectory(scratch.resolve("unannotated")));
    assertTrue(classes.errors().isEmpty(), classes.errors().toString());
  }

  /**
   * Rows guarded by {@code @Retry} alone: the runtime names their guard once its registry keeps
   * retry statistics; until then only the processor and the agent judge them here.
   */
  private static final Set<String> RETRY_ONLY = Set.of("retry", "typeLevelRetry", "retryOnFuture");

  @TestFactory
  Stream<DynamicTest> everyModeReachesTheSameVerdictWithTheSameMessage() {
    return TABLE.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
      Verdict expected = c.expectedHere();
      assertEquals(expected, processor(c), "processor");
      assertEquals(expected, agent(c), "agent");
      if (!RETRY_ONLY.contains(c.id())) {
        assertEquals(expected, runtime(c), "runtime");
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> theRuntimeGuardsMethodsWithRetryAlone() {
    return TABLE.stream().filter(c -> RETRY_ONLY.contains(c.id()))
        .map(c -> DynamicTest.dynamicTest(c.id(), () -> assertEquals(c.expectedHere(), runtime(c), "runtime")));
  }

  private static Verdict processor(Case c) throws IOException {
    List<String> errors = withProcessor.errors().get(c.className());
    if (errors != null) {
      assertEquals(1, errors.size(), errors.toString());
      return Verdict.error(errors.get(0));
    }
    String wrapper = withProcessor.source("conf." + c.id() + ".GuardedSubject");
    return wrapper.contains("forGeneratedOverride(MethodHandles.lookup(), Subject.class, \"" + c.method() + "\"")
        ? Verdict.GUARDED : Verdict.UNGUARDED;
  }

  private static Verdict agent(Case c) {
    TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(),
        new ClassFileLocator.Compound(new ClassFileLocator.ForFolder(classes.dir().toFile()),
            ClassFileLocator.ForClassLoader.of(ConformanceTest.class.getClassLoader())),
        TypePool.Default.ReaderMode.FAST);
    TypeDescription type = pool.describe(c.className()).resolve();
    for (GuardedMethod method : GuardedMethods.of(type, pool, classes.loader(), null)) {
      if (method.method().getName().equals(c.method())) {
        return method.problem() == null ? Verdict.GUARDED : Verdict.error(method.problem());
      }
    }
    return Verdict.UNGUARDED;
  }

  private static Verdict runtime(Case c) throws ClassNotFoundException {
    Class<?> type = classes.loader().loadClass(c.className());
    return runtime(type, onlyMethod(type, c.method()));
  }

  /** The verdict of {@code method}'s site: an error, or whether it registered a guard under its default name. */
  private static Verdict runtime(Class<?> type, Method method) {
    GuardSite site = GuardSite.forMethod(type, method.getName(), method.getParameterTypes());
    Object permit;
    try {
      permit = site.enter();
    } catch (ConfigurationException e) {
      return Verdict.error(e.getMessage());
    }
    if (!(permit instanceof GuardRejectedException)) {
      try {
        site.onSuccess(permit); // ends the call: gives back a bulkhead slot, stops a timeout's clock
      } catch (CallTimeoutException late) {
        // a 10 ms limit of the table may pass between the two on a busy machine
      }
    }
    return Warden.names().contains(type.getName() + "#" + method.getName()) ? Verdict.GUARDED : Verdict.UNGUARDED;
  }

  // Guard entries: each row's annotations as entries on the class compiled without them

  private static final String UNANNOTATED = "unannotated.";
  private static final String ENTRIES = "/etc/conformance/guards.properties";
  private static final Pattern ANNOTATION =
      Pattern.compile("@(Throttled|Breaker|CountCalls|Retry|Bulkhead|Timeout)\\b(\\s*\\([^)]*\\))?");

  private static String withoutAnnotations(String source) {
    return ANNOTATION.matcher(source).replaceAll("");
  }

  /**
   * Each row as guard entries: a method entry for the method's annotations, a class-level entry for
   * the type's (Review: the type-level rows were skipped); once with every attribute written, once
   * with only those that differ from the annotation's default (Review: the defaults were never
   * reached through the table).
   */
  @TestFactory
  Stream<DynamicTest> aGuardEntryReachesTheVerdictOfTheAnnotationsItStandsFor() throws ReflectiveOperationException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : TABLE) {
      Class<?> type = classes.loader().loadClass(c.className());
      Method m = onlyMethod(type, c.method());
      String className = UNANNOTATED + c.id() + ".Subject";
      Verdict expected = c.expectedHere().message() == null ? c.expectedHere() : Verdict.error(c.expectedHere()
          .message().replace(c.className(), className).replace(" on " + className + "#m:", " on " + className
              + "#m in " + ENTRIES + ":").replace(" on " + className + ":", " on " + className + " in " + ENTRIES
              + ":"));
      for (boolean defaults : new boolean[] {false, true}) {
        String own = entry(className + "#" + c.method(), m.getAnnotations(), defaults);
        String onType = entry(className, type.getAnnotations(), defaults);
        if (own == null && onType == null) {
          continue; // nothing to configure
        }
        tests.add(DynamicTest.dynamicTest(c.id() + ": " + (onType == null ? "" : onType + "; ") + own, () -> {
          GuardEntry parsedOwn = own == null ? null : GuardEntries.parseLine(own, ENTRIES);
          GuardEntry parsedOnType = onType == null ? null : GuardEntries.parseLine(onType, ENTRIES);
          assertEquals(expected, configuredAgent(className, c.method(), parsedOwn, parsedOnType), "agent");
          if (!RETRY_ONLY.contains(c.id())) {
            assertEquals(expected, configuredRuntime(className, c.method(), parsedOwn, parsedOnType), "runtime");
          }
        }));
      }
    }
    return tests.stream();
  }

  /**
   * {@code <selector> = @Kind(attribute=value, ...) ...} for the Warden annotations of {@code
   * annotations}: every attribute, or with {@code defaults} only those whose value is not the
   * default; {@code null} if there is none.
   */
  private static String entry(String selector, Annotation[] annotations, boolean defaults)
      throws ReflectiveOperationException {
    StringBuilder text = new StringBuilder(selector + " =");
    boolean any = false;
    for (Annotation annotation : annotations) {
      if (!isGuard(annotation)) {
        continue;
      }
      any = true;
      List<String> attributes = new ArrayList<>();
      Method[] methods = annotation.annotationType().getDeclaredMethods();
      Arrays.sort(methods, Comparator.comparing(Method::getName));
      for (Method attribute : methods) {
        Object value = attribute.invoke(annotation);
        if (!defaults || !Objects.deepEquals(value, attribute.getDefaultValue())) {
          attributes.add(attribute.getName() + "=" + text(value));
        }
      }
      text.append(" @").append(annotation.annotationType().getSimpleName());
      if (!attributes.isEmpty()) {
        text.append("(").append(String.join(", ", attributes)).append(")");
      }
    }
    return any ? text.toString() : null;
  }

  private static String text(Object value) {
    if (value instanceof String string) {
      return "\"" + string + "\"";
    }
    if (value instanceof Class<?>[] types) {
      return Stream.of(types).map(Class::getName).collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(value);
  }

  private static boolean isGuard(Annotation annotation) {
    return annotation.annotationType().getPackageName().equals("dev.warden.annotations");
  }

  private static Method onlyMethod(Class<?> type, String name) {
    return Stream.of(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(name) && !m.isBridge())
        .findFirst().orElseThrow();
  }

  private static Verdict configuredAgent(String className, String methodName, GuardEntry own, GuardEntry onType) {
    TypePool pool = new TypePool.Default(new TypePool.CacheProvider.Simple(),
        new ClassFileLocator.Compound(new ClassFileLocator.ForFolder(unannotated.dir().toFile()),
            ClassFileLocator.ForClassLoader.of(ConformanceTest.class.getClassLoader())),
        TypePool.Default.ReaderMode.FAST);
    TypeDescription type = pool.describe(className).resolve();
    List<GuardEntry> entries = new ArrayList<>();
    for (GuardEntry entry : new GuardEntry[] {onType, own}) {
      if (entry != null) {
        entries.add(entry);
      }
    }
    ConfiguredClass configured = new ConfiguredClass(className, entries, new AgentLog(false), new HashSet<>());
    for (GuardedMethod method : GuardedMethods.of(type, pool, unannotated.loader(), configured)) {
      if (method.method().getName().equals(methodName)) {
        assertTrue(method.configured());
        return method.problem() == null ? Verdict.GUARDED : Verdict.error(method.problem());
      }
    }
    return Verdict.UNGUARDED;
  }

  private static Verdict configuredRuntime(String className, String methodName, GuardEntry own, GuardEntry onType)
      throws ClassNotFoundException {
    Class<?> type = unannotated.loader().loadClass(className);
    Method method = onlyMethod(type, methodName);
    ConfiguredMethods.configure(className, method.getName(),
        MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString(),
        own == null ? null : own.source(), own == null ? null : own.line(),
        onType == null ? null : onType.source(), onType == null ? null : onType.line());
    return runtime(type, method);
  }

  /** The table compiled into {@code dir}, with or without the processor. */
  private record Compiled(Path dir, Map<String, List<String>> errors, ClassLoader loader) {

    static Compiled compile(boolean withProcessor, Path dir) throws IOException {
      return compile("conf.", source -> source, withProcessor, dir);
    }

    /** The table, each row's source mapped by {@code sources}, in packages {@code <packages><id>}. */
    static Compiled compile(String packages, UnaryOperator<String> sources, boolean withProcessor, Path dir)
        throws IOException {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      StandardJavaFileManager files = javac.getStandardFileManager(null, null, null);
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(dir));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(dir));
      List<JavaFileObject> units = new ArrayList<>();
      for (Case c : TABLE) {
        String source = "package " + packages + c.id() + ";\n" + HEADER + sources.apply(c.source()) + "\n";
        units.add(new SimpleJavaFileObject(
            URI.create("string:///conf/" + c.id() + "/Subject.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        });
      }
      List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
          withProcessor ? "-proc:only" : "-proc:none");
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null, units);
      if (withProcessor) {
        task.setProcessors(List.of(new WardenProcessor()));
      }
      task.call();
      Map<String, List<String>> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .collect(Collectors.groupingBy(
              d -> d.getSource() == null ? "?" : d.getSource().toUri().getPath().substring(1)
                  .replace(".java", "").replace('/', '.'),
              Collectors.mapping(d -> d.getMessage(null), Collectors.toList())));
      return new Compiled(dir, errors,
          new URLClassLoader(new URL[] {dir.toUri().toURL()}, ConformanceTest.class.getClassLoader()));
    }

    /** A generated source, or {@code ""} if there is none. */
    String source(String className) throws IOException {
      Path file = dir.resolve(className.replace('.', '/') + ".java");
      return Files.exists(file) ? Files.readString(file) : "";
    }
  }
}
