package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retry exit advice, woven by the agent's {@link Weaver} into {@code example.retry.Flaky} and
 * run against {@link ScriptedSite} (see {@link ScriptedWeaving}): a failed attempt goes to {@code
 * retry}, whose permit runs the body again with the arguments the call began with (although the
 * body reassigned its parameters), or, if it is a refusal, ends the call through {@code rejected}
 * without running the body again; what {@code retry} throws leaves the method. For value,
 * primitive, {@code void}, static, {@code synchronized} and default methods, in class files of Java 6, 8
 * and 17 (the advice uses no {@code invokedynamic}; the class loader verifies the woven code).
 * A method without {@code @Retry} keeps the one-attempt advice.
 */
class RetryAdviceTest {

  private static final String FLAKY = "example.retry.Flaky";

  @BeforeEach
  void resetTheScript() {
    ScriptedSite.reset();
  }

  @ParameterizedTest(name = "class file version {0}")
  @ValueSource(ints = {50, 52, 61})
  void aFailedAttemptRunsTheBodyAgainWithTheOriginalArguments(int major) throws Throwable {
    Class<?> flaky = flaky(major, 2);
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    ScriptedSite.NEXT_PERMITS.add("permit-3");
    assertEquals("reassigned-1", call(flaky, "fetch", "k", 7));
    assertEquals(List.of("k/7", "k/7", "k/7"), seen(flaky));
    assertEquals(List.of("enter", "retry permit-1 boom 1", "retry permit-2 boom 2", "returned permit-3"),
        ScriptedSite.LOG);
  }

  /** An attempt that returned after its @Timeout deadline failed: returned() hands out the next permit. */
  @ParameterizedTest(name = "class file version {0}")
  @ValueSource(ints = {50, 52, 61})
  void anAttemptThatReturnedLateRunsTheBodyAgain(int major) throws Throwable {
    Class<?> flaky = flaky(major, 0);
    ScriptedSite.LATE_PERMITS.add("permit-2");
    assertEquals("reassigned-1", call(flaky, "fetch", "k", 7));
    assertEquals(List.of("k/7", "k/7"), seen(flaky), "the late attempt and the next one, with the call's arguments");
    assertEquals(List.of("enter", "returned permit-1", "returned permit-2"), ScriptedSite.LOG);
  }

  @ParameterizedTest(name = "class file version {0}")
  @ValueSource(ints = {50, 52, 61})
  void primitiveVoidStaticAndSynchronizedMethodsRetry(int major) throws Throwable {
    Class<?> flaky = flaky(major, 1);
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    assertEquals(1002, call(flaky, "count", 5, new StringBuilder("log")));
    assertEquals(List.of("5/log", "5/log"), seen(flaky));
    assertEquals(List.of("enter", "retry permit-1 boom 1", "returned permit-2"), ScriptedSite.LOG);

    flaky = flaky(major, 2);
    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    ScriptedSite.NEXT_PERMITS.add("permit-3");
    call(flaky, "store", "s");
    assertEquals(List.of("s", "s", "s"), seen(flaky));
    assertEquals(List.of("enter", "retry permit-1 boom 1", "retry permit-2 boom 2", "returned permit-3"),
        ScriptedSite.LOG);

    flaky = flaky(major, 2);
    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    ScriptedSite.NEXT_PERMITS.add("permit-3");
    assertEquals(3L, call(flaky, "total", 1L << 40, "b"));
    assertEquals(List.of("1099511627776/b", "1099511627776/b", "1099511627776/b"), seen(flaky));
    assertEquals(List.of("enter", "retry permit-1 boom 1", "retry permit-2 boom 2", "returned permit-3"),
        ScriptedSite.LOG);

    flaky = flaky(major, 1);
    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    assertEquals("l", call(flaky, "locked", "l"));
    assertEquals(List.of("true", "true"), seen(flaky), "each attempt of the body holds the monitor");
    assertEquals(List.of("enter", "retry permit-1 boom 1", "returned permit-2"), ScriptedSite.LOG);
  }

  @ParameterizedTest(name = "class file version {0}")
  @ValueSource(ints = {50, 61})
  void aRefusalFromRetryEndsTheCallThroughRejectedWithTheOriginalArguments(int major) throws Throwable {
    Class<?> flaky = flaky(major, 5);
    ScriptedSite.NEXT_PERMITS.add(ScriptedSite.REJECTION);
    ScriptedSite.rejectedResult = "fallback";
    assertEquals("fallback", call(flaky, "fetch", "k", 7));
    assertEquals(List.of("k/7"), seen(flaky), "the body is not run again");
    assertEquals(List.of("enter", "retry permit-1 boom 1", "rejected REJECTION [k, 7]"), ScriptedSite.LOG);

    flaky = flaky(major, 5);
    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add(ScriptedSite.REJECTION);
    ScriptedSite.rejectedResult = 42;
    assertEquals(42, call(flaky, "count", 5, new StringBuilder("log")), "a primitive result from rejected");
    assertEquals(List.of("5/log"), seen(flaky));

    flaky = flaky(major, 5);
    ScriptedSite.reset();
    ScriptedSite.NEXT_PERMITS.add(ScriptedSite.REJECTION);
    ScriptedSite.rejectedResult = 7L;
    assertEquals(7L, call(flaky, "total", 3L, "b"));
    assertEquals(List.of("enter", "retry permit-1 boom 1", "rejected REJECTION [3, b]"), ScriptedSite.LOG,
        "a static method's rejection has no target and the original arguments");
  }

  @Test
  void aRefusalFromEnterSkipsTheBodyAndRetryIsNeverAsked() throws Throwable {
    Class<?> flaky = flaky(61, 5);
    ScriptedSite.firstPermit = ScriptedSite.REJECTION;
    ScriptedSite.rejectedResult = "fallback";
    assertEquals("fallback", call(flaky, "fetch", "k", 7));
    assertEquals(List.of(), seen(flaky));
    assertEquals(List.of("enter", "rejected REJECTION [k, 7]"), ScriptedSite.LOG);
  }

  @ParameterizedTest(name = "class file version {0}")
  @ValueSource(ints = {50, 61})
  void whatRetryThrowsLeavesTheMethod(int major) throws Throwable {
    Class<?> flaky = flaky(major, 5);
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    IOException last = assertThrows(IOException.class, () -> call(flaky, "fetch", "k", 7));
    assertEquals("boom 2", last.getMessage());
    assertEquals(List.of("k/7", "k/7"), seen(flaky));
    assertEquals(List.of("enter", "retry permit-1 boom 1", "retry permit-2 boom 2"), ScriptedSite.LOG);

    Class<?> again = flaky(major, 5);
    ScriptedSite.reset();
    assertEquals("boom 1", assertThrows(IOException.class, () -> call(again, "store", "s")).getMessage());
    assertEquals(List.of("s"), seen(again));
  }

  @Test
  void aFirstAttemptSuccessAsksNothingButEnterAndTheOutcome() throws Throwable {
    Class<?> flaky = flaky(61, 0);
    assertEquals("reassigned-1", call(flaky, "fetch", "k", 7));
    assertEquals(1002, call(flaky, "count", 1, new StringBuilder()), "the second call sees two entries");
    assertEquals(List.of("enter", "returned permit-1", "enter", "returned permit-1"), ScriptedSite.LOG);
  }

  @Test
  void aMethodWithoutRetryIsNotRepeated() throws Throwable {
    Class<?> flaky = flaky(61, 5);
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    assertEquals("boom 1", assertThrows(IOException.class, () -> call(flaky, "plain", "p")).getMessage());
    assertEquals(List.of("p"), seen(flaky));
    assertEquals(List.of("enter", "onFailure permit-1 boom 1"), ScriptedSite.LOG);
  }

  /** A default method's woven body retries too (called through a proxy, which runs the default body). */
  @ParameterizedTest(name = "class file version {0}")
  @ValueSource(ints = {52, 61})
  void aDefaultMethodRetries(int major) throws Throwable {
    Class<?> labels = ScriptedWeaving.load("example.retry.Labels", major);
    ((int[]) labels.getField("FAILURES").get(null))[0] = 1;
    Object proxy = Proxy.newProxyInstance(labels.getClassLoader(), new Class<?>[] {labels},
        (self, method, args) -> InvocationHandler.invokeDefault(self, method, args));
    ScriptedSite.NEXT_PERMITS.add("permit-2");
    Method label = labels.getMethod("label", String.class, int.class);
    assertEquals("reassigned-1", label.invoke(proxy, "x", 3));
    assertEquals(List.of("x/3", "x/3"), labels.getField("SEEN").get(null));
    assertEquals(List.of("enter", "retry permit-1 boom 1", "returned permit-2"), ScriptedSite.LOG);
  }

  /** Which methods get the retry advice: those {@code @Retry} applies to by the shared rules (here, the type's). */
  @Test
  void theRuleBookDecidesWhichMethodsRetry() {
    TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
    TypeDescription type = pool.describe(FLAKY).resolve();
    Map<String, Boolean> retries = GuardedMethods.of(type, pool, getClass().getClassLoader(), null).stream()
        .collect(Collectors.toMap(m -> m.method().getName(), GuardedMethod::retries));
    assertEquals(Map.of("fetch", true, "count", true, "store", true, "total", true, "locked", true, "plain", false),
        retries);
  }

  private static Class<?> flaky(int major, int failures) throws ReflectiveOperationException {
    Class<?> flaky = ScriptedWeaving.load(FLAKY, major);
    flaky.getField("failures").setInt(null, failures);
    return flaky;
  }

  @SuppressWarnings("unchecked")
  private static List<String> seen(Class<?> flaky) throws ReflectiveOperationException {
    return (List<String>) flaky.getField("SEEN").get(null);
  }

  /** Calls the method {@code name} of a new instance (or the class, if static), unwrapping its exception. */
  private static Object call(Class<?> type, String name, Object... args) throws Throwable {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length && !m.isSynthetic()) {
        m.setAccessible(true);
        try {
          return m.invoke(Modifier.isStatic(m.getModifiers()) ? null : type.getDeclaredConstructor().newInstance(), args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + name + " in " + type);
  }
}
