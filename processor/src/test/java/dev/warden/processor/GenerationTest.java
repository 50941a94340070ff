package dev.warden.processor;

import static dev.warden.processor.Compiled.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Compiles fixtures with the processor, then loads and calls the generated wrappers. */
class GenerationTest {

  private static CallStats stats(String name) {
    return Warden.callStats(name).orElseThrow(() -> new AssertionError("no stats " + name));
  }

  @Test
  void throttledClassRejectsBeyondBurstAndPassesCheckedExceptionsUnchanged() throws Throwable {
    Compiled c = Compiled.compile("gen.throttle.Payments", """
        package gen.throttle;
        import dev.warden.annotations.*;
        import java.io.IOException;
        public class Payments {
          @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
          @CountCalls
          public String charge(String account, int cents) throws IOException {
            if (cents < 0) throw new IOException("negative");
            return account + ":" + cents;
          }
        }
        """);
    Object payments = c.create("gen.throttle.GuardedPayments");
    assertSame(c.type("gen.throttle.Payments"), payments.getClass().getSuperclass());

    assertEquals("acct:5", call(payments, "charge", "acct", 5));
    IOException own = assertThrows(IOException.class, () -> call(payments, "charge", "acct", -1));
    assertEquals("negative", own.getMessage());
    ThrottledException throttled = assertThrows(ThrottledException.class, () -> call(payments, "charge", "acct", 1));
    assertTrue(throttled.getMessage().contains("gen.throttle.Payments#charge"), throttled.getMessage());

    CallStats stats = stats("gen.throttle.Payments#charge");
    assertEquals(List.of(3L, 1L, 1L, 1L, 0L),
        List.of(stats.calls(), stats.successes(), stats.failures(), stats.rejections(), stats.inFlight()));
  }

  @Test
  void breakerOpensAfterThresholdAndRunsFallbackWithTheRejection() throws Throwable {
    Compiled c = Compiled.compile("gen.breaker.Quotes", """
        package gen.breaker;
        import dev.warden.annotations.Breaker;
        import dev.warden.runtime.CircuitOpenException;
        public class Quotes {
          private int calls;
          @Breaker(failureThreshold = 2, cooldownMillis = 60_000, fallback = "cached")
          public String quote(String symbol) {
            calls++;
            throw new IllegalStateException("down " + calls);
          }
          String cached(String symbol, CircuitOpenException e) {
            return symbol + "@cached:" + e.getClass().getSimpleName();
          }
          public int calls() {
            return calls;
          }
        }
        """);
    Object quotes = c.create("gen.breaker.GuardedQuotes");
    assertThrows(IllegalStateException.class, () -> call(quotes, "quote", "ACME"));
    CircuitBreaker breaker = Warden.breaker("gen.breaker.Quotes#quote").orElseThrow();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertThrows(IllegalStateException.class, () -> call(quotes, "quote", "ACME"));
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());

    assertEquals("ACME@cached:CircuitOpenException", call(quotes, "quote", "ACME"));
    assertEquals(2, call(quotes, "calls"));
  }

  @Test
  void typeLevelAnnotationsApplyToPublicMethodsAndMethodAnnotationsReplaceThem() throws Throwable {
    Compiled c = Compiled.compile("gen.typelevel.Client", """
        package gen.typelevel;
        import dev.warden.annotations.*;
        @CountCalls
        @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0, name = "gen.typelevel.api")
        public class Client {
          public String a() { return "a"; }
          public String b() { return "b"; }
          @Throttled(callsPerSecond = 1000, burst = 100)
          public String c() { return "c"; }
          @CountCalls(name = "gen.typelevel.custom")
          public String d() { return "d"; }
          protected String e() { return "e"; }
          public static String f() { return "f"; }
        }
        """);
    Object client = c.create("gen.typelevel.GuardedClient");
    assertEquals("a", call(client, "a"));
    assertThrows(ThrottledException.class, () -> call(client, "b"), "a and b share the class-level bucket");
    for (int i = 0; i < 3; i++) {
      assertEquals("c", call(client, "c"));
    }
    assertThrows(ThrottledException.class, () -> call(client, "d"), "d keeps the class-level @Throttled");

    assertEquals(1, stats("gen.typelevel.Client#a").calls());
    assertEquals(1, stats("gen.typelevel.Client#b").rejections());
    assertEquals(3, stats("gen.typelevel.Client#c").successes());
    assertEquals(1, stats("gen.typelevel.custom").calls());
    List<String> overridden = Arrays.stream(c.type("gen.typelevel.GuardedClient").getDeclaredMethods())
        .map(Method::getName).sorted().toList();
    assertEquals(List.of("a", "b", "c", "d"), overridden, "protected and static methods are not type-guarded");
  }

  @Test
  void interfaceWrapperDelegatesEveryMethodAndGuardsTheAnnotatedOnes() throws Throwable {
    Compiled c = Compiled.compile(
        "gen.iface.Named", """
            package gen.iface;
            public interface Named {
              String name();
            }
            """,
        "gen.iface.Base", """
            package gen.iface;
            public interface Base<B> {
              <U extends B> U same(U value);
            }
            """,
        "gen.iface.Store", """
            package gen.iface;
            import dev.warden.annotations.*;
            import dev.warden.runtime.ThrottledException;
            public interface Store<K> extends Named, Base<K> {
              @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0, fallback = "missing")
              @CountCalls
              String get(K key);
              void put(K key, String value);
              default String describe() { return "store"; }
              default String missing(K key, ThrottledException e) { return "missing:" + key; }
            }
            """,
        "gen.iface.MapStore", """
            package gen.iface;
            import java.util.*;
            public class MapStore implements Store<String> {
              private final Map<String, String> map = new HashMap<>();
              public String get(String key) { return map.get(key); }
              public void put(String key, String value) { map.put(key, value); }
              public String name() { return "map-store"; }
              public <U extends String> U same(U value) { return value; }
              @Override public String describe() { return "map"; }
            }
            """);
    Object delegate = c.create("gen.iface.MapStore");
    Object store = c.create("gen.iface.GuardedStore", delegate);
    assertTrue(c.type("gen.iface.Store").isInstance(store));

    call(store, "put", "k", "v");
    assertEquals("v", call(delegate, "get", "k"), "put is delegated");
    assertEquals("v", call(store, "get", "k"));
    assertEquals("missing:k", call(store, "get", "k"), "throttled: fallback runs on the delegate");
    assertEquals("map", call(store, "describe"), "default methods are delegated too");
    assertEquals("map-store", call(store, "name"), "inherited abstract methods are delegated");
    assertEquals("x", call(store, "same", "x"), "inherited generic methods are delegated with substituted bounds");
    assertEquals(2, stats("gen.iface.Store#get").calls());
    assertEquals(1, stats("gen.iface.Store#get").rejections());
  }

  @Test
  void genericsVarargsThrowsConstructorsAndParameterAnnotationsAreKept() throws Throwable {
    Compiled c = Compiled.compile("gen.shapes.Box", """
        package gen.shapes;
        import dev.warden.annotations.CountCalls;
        import java.io.IOException;
        import java.lang.annotation.*;
        import java.util.*;
        import java.util.function.Supplier;
        public class Box<T extends Comparable<T>> {
          @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.PARAMETER)
          public @interface Tag { String value(); }
          private final List<T> items = new ArrayList<>();
          public Box() {}
          protected Box(Collection<? extends T> initial) throws IOException {
            if (initial.isEmpty()) throw new IOException("empty");
            items.addAll(initial);
          }
          public Box(String label, int... ignored) {}
          @CountCalls
          @SafeVarargs
          public final T frozen(T... all) { return all[0]; }
          @CountCalls
          @SuppressWarnings({"unchecked", "varargs"})
          public T max(@Tag("first") T first, T... rest) {
            T best = first;
            for (T t : rest) if (t.compareTo(best) > 0) best = t;
            items.add(best);
            return best;
          }
          @CountCalls
          public <E extends Exception> T firstOr(Supplier<? extends E> error) throws E {
            if (items.isEmpty()) throw error.get();
            return items.get(0);
          }
          @CountCalls
          public int size() { return items.size(); }
        }
        """);
    Class<?> wrapper = c.type("gen.shapes.GuardedBox");
    assertEquals("T", wrapper.getTypeParameters()[0].getName());
    assertEquals("java.lang.Comparable<T>", wrapper.getTypeParameters()[0].getBounds()[0].getTypeName());

    Constructor<?> fromCollection = wrapper.getDeclaredConstructor(java.util.Collection.class);
    assertTrue(Modifier.isProtected(fromCollection.getModifiers()));
    assertEquals(List.of(IOException.class), List.of(fromCollection.getExceptionTypes()));
    assertTrue(wrapper.getDeclaredConstructor(String.class, int[].class).isVarArgs());
    assertEquals(3, wrapper.getDeclaredConstructors().length);

    Object box = c.create("gen.shapes.GuardedBox");
    Exception custom = new Exception("none yet");
    java.util.function.Supplier<Exception> error = () -> custom;
    assertSame(custom, assertThrows(Exception.class, () -> call(box, "firstOr", error)));
    assertEquals("c", call(box, "max", "b", new Comparable<?>[] {"a", "c"}));
    assertEquals("c", call(box, "firstOr", error));
    assertEquals(1, call(box, "size"));

    Method max = wrapper.getDeclaredMethod("max", Comparable.class, Comparable[].class);
    assertTrue(max.isVarArgs());
    assertEquals("first", ((java.lang.annotation.Annotation) max.getParameterAnnotations()[0][0])
        .annotationType().getMethod("value").invoke(max.getParameterAnnotations()[0][0]));
    assertFalse(Arrays.stream(wrapper.getDeclaredMethods()).anyMatch(m -> m.getName().equals("frozen")));
    assertEquals(1, stats("gen.shapes.Box#max").successes());
    assertEquals(2, stats("gen.shapes.Box#firstOr").calls());
    assertEquals(1, stats("gen.shapes.Box#firstOr").failures());
  }

  @Test
  void asyncOutcomesAreRecordedOnCompletionAndRejectionsAreFailedStages() throws Throwable {
    Compiled c = Compiled.compile("gen.async.Remote", """
        package gen.async;
        import dev.warden.annotations.*;
        import java.util.concurrent.*;
        public class Remote {
          @Breaker(failureThreshold = 1, cooldownMillis = 60_000)
          @CountCalls
          public CompletableFuture<String> fetch(CompletableFuture<String> stage) { return stage; }
          @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
          public CompletionStage<Integer> count() { return CompletableFuture.completedFuture(1); }
        }
        """);
    Object remote = c.create("gen.async.GuardedRemote");
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<?> returned = (CompletableFuture<?>) call(remote, "fetch", pending);
    assertFalse(returned.isDone(), "the caller's stage completes only with the method's own");
    CallStats stats = stats("gen.async.Remote#fetch");
    assertEquals(1, stats.inFlight(), "outcome not recorded before the stage completes");
    CircuitBreaker breaker = Warden.breaker("gen.async.Remote#fetch").orElseThrow();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());

    pending.completeExceptionally(new IOException("remote down"));
    assertInstanceOf(IOException.class, assertThrows(CompletionException.class, returned::join).getCause());
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertEquals(1, stats.failures());

    CompletableFuture<?> rejected = (CompletableFuture<?>) call(remote, "fetch", new CompletableFuture<String>());
    CompletionException thrown = assertThrows(CompletionException.class, rejected::join);
    assertInstanceOf(CircuitOpenException.class, thrown.getCause());
    assertEquals(1, stats.rejections());

    assertEquals(1, ((CompletionStage<?>) call(remote, "count")).toCompletableFuture().join());
    CompletableFuture<?> throttled = ((CompletionStage<?>) call(remote, "count")).toCompletableFuture();
    assertInstanceOf(ThrottledException.class, assertThrows(CompletionException.class, throttled::join).getCause());
  }

  @Test
  void nestedTypesGetTopLevelWrappersAndAgentOnlyTypesGetNone() throws Throwable {
    Compiled c = Compiled.compile("gen.nested.Outer", """
        package gen.nested;
        import dev.warden.annotations.CountCalls;
        public class Outer {
          public static class Inner {
            @CountCalls public String hi() { return "hi"; }
          }
          public static class AgentOnly {
            @CountCalls private String p() { return "p"; }
            @CountCalls public static String s() { return "s"; }
            @CountCalls public final String f() { return p(); }
          }
        }
        """);
    Object inner = c.create("gen.nested.GuardedOuter_Inner");
    assertSame(c.type("gen.nested.Outer$Inner"), inner.getClass().getSuperclass());
    assertEquals("hi", call(inner, "hi"));
    assertEquals(1, stats("gen.nested.Outer$Inner#hi").successes());
    assertTrue(c.compilation.generatedSourceFile("gen.nested.GuardedOuter_AgentOnly").isEmpty());
    assertEquals(3, c.compilation.warnings().size(), c.compilation.warnings().toString());
  }

  @Test
  void parameterNamesThatClashWithGeneratedLocalsAndGenericInterfaceMethodsCompileAndWork() throws Throwable {
    Compiled c = Compiled.compile("gen.clash.Converter", """
        package gen.clash;
        import dev.warden.annotations.*;
        @CountCalls(name = "gen.clash.converter")
        public interface Converter {
          String join(String permit, String result, String failure);
          <T extends Number> T convert(Object value, Class<T> type) throws java.io.IOException;
          static Converter simple() {
            return new Converter() {
              public String join(String p, String r, String f) { return p + r + f; }
              public <T extends Number> T convert(Object value, Class<T> type) { return type.cast(value); }
            };
          }
        }
        """);
    Object simple = c.type("gen.clash.Converter").getMethod("simple").invoke(null);
    Object converter = c.create("gen.clash.GuardedConverter", simple);
    assertEquals("abc", call(converter, "join", "a", "b", "c"));
    assertEquals(7, call(converter, "convert", 7, Integer.class));
    assertThrows(ClassCastException.class, () -> call(converter, "convert", "x", Integer.class));
    CallStats stats = stats("gen.clash.converter");
    assertEquals(List.of(3L, 2L, 1L), List.of(stats.calls(), stats.successes(), stats.failures()));
  }
}
