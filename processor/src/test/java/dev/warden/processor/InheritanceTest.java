package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.warden.processor.Compiled.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a wrapper guards besides the methods its type declares: guarded methods it inherits. */
class InheritanceTest {

  private static CallStats stats(String name) {
    return Warden.callStats(name).orElseThrow(() -> new AssertionError("no stats " + name + " in " + Warden.names()));
  }

  private static long declaredMethods(Class<?> type, String name) {
    return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name) && !m.isBridge()).count();
  }

  /**
   * Inherited guarded methods are re-wrapped with the declaring class's guard ({@code Base#a}),
   * through a generic superclass too, unless the subclass (or a class in between) overrides them.
   */
  @Test
  void guardedMethodsInheritedFromSuperclassesAreGuardedWithTheDeclaringClassesSite() throws Throwable {
    Compiled c = Compiled.compile(
        "inh.Base", """
            package inh;
            import dev.warden.annotations.*;
            public class Base<T> {
              @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
              public String a() { return "a"; }
              @CountCalls
              public T echo(T value) { return value; }
              @CountCalls
              public String replaced() { return "base"; }
              @CountCalls
              public String again() { return "base"; }
            }
            """,
        "inh.Mid", """
            package inh;
            public class Mid extends Base<String> {
              @Override
              public String again() { return "mid"; }
            }
            """,
        "inh.Sub", """
            package inh;
            import dev.warden.annotations.*;
            public class Sub extends Mid {
              @CountCalls
              public String b() { return "b"; }
              @Override
              public String replaced() { return "sub"; }
            }
            """);
    Object sub = c.create("inh.GuardedSub");
    assertEquals("b", call(sub, "b"));
    assertEquals("a", call(sub, "a"));
    ThrottledException e = assertThrows(ThrottledException.class, () -> call(sub, "a"));
    assertTrue(e.getMessage().contains("inh.Base#a"), e.getMessage());
    assertEquals("x", call(sub, "echo", "x"));
    assertEquals(1, stats("inh.Base#echo").calls());
    assertEquals("sub", call(sub, "replaced"));
    assertEquals("mid", call(sub, "again"));
    assertEquals(List.of(), List.of(Warden.callStats("inh.Base#replaced"), Warden.callStats("inh.Base#again"))
        .stream().filter(java.util.Optional::isPresent).toList(), "overridden: not guarded");
    Class<?> wrapper = c.type("inh.GuardedSub");
    assertEquals(1, declaredMethods(wrapper, "a"));
    assertEquals(0, declaredMethods(wrapper, "replaced"));
    assertEquals(0, declaredMethods(wrapper, "again"));
    Method echo = wrapper.getDeclaredMethod("echo", String.class);
    assertEquals(String.class, echo.getReturnType(), "seen through Base<String>");
  }

  /**
   * Two unrelated superinterfaces declaring the same method give one delegation; a guarded method
   * inherited from a superinterface is guarded once, and not delegated a second time.
   */
  @Test
  void interfaceWrapperGeneratesEachInheritedMethodOnce() throws Throwable {
    Compiled c = Compiled.compile(
        "inh.itf.A", """
            package inh.itf;
            public interface A {
              String name();
              Object value();
            }
            """,
        "inh.itf.B", """
            package inh.itf;
            import dev.warden.annotations.*;
            public interface B {
              String name();
              String value();
              @CountCalls
              String id();
            }
            """,
        "inh.itf.G", """
            package inh.itf;
            public interface G {
              String id();
            }
            """,
        "inh.itf.C", """
            package inh.itf;
            import dev.warden.annotations.*;
            public interface C extends A, B, G {
              @CountCalls
              String extra();
            }
            """,
        "inh.itf.Impl", """
            package inh.itf;
            public class Impl implements C {
              public String name() { return "n"; }
              public String value() { return "v"; }
              public String id() { return "i"; }
              public String extra() { return "e"; }
            }
            """);
    Object delegate = c.create("inh.itf.Impl");
    Object wrapper = c.create("inh.itf.GuardedC", delegate);
    assertEquals("n", call(wrapper, "name"));
    assertEquals("v", call(wrapper, "value"));
    assertEquals("i", call(wrapper, "id"));
    assertEquals("e", call(wrapper, "extra"));
    assertEquals(1, stats("inh.itf.B#id").calls());
    Class<?> type = c.type("inh.itf.GuardedC");
    assertEquals(1, declaredMethods(type, "name"));
    assertEquals(1, declaredMethods(type, "value"));
    assertEquals(String.class, Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals("value") && !m.isBridge()).findFirst().orElseThrow().getReturnType());
    assertEquals(1, declaredMethods(type, "id"));
  }

  /**
   * A guarded method inherited from a superclass in a library (a compiled class) is guarded like
   * one from a source superclass: with the library class's site.
   */
  @Test
  void guardedMethodsInheritedFromACompiledLibraryClassAreGuarded(@TempDir Path library) throws Throwable {
    Compilation lib = Compiler.javac().compile(JavaFileObjects.forSourceString("inh.lib.Client", """
        package inh.lib;
        import dev.warden.annotations.*;
        public class Client {
          @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
          public String call() { return "called"; }
        }
        """));
    assertThat(lib).succeeded();
    for (JavaFileObject file : lib.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        Path target = library.resolve("inh/lib/Client.class");
        Files.createDirectories(target.getParent());
        try (var in = file.openInputStream()) {
          Files.write(target, in.readAllBytes());
        }
      }
    }
    List<File> classpath = new java.util.ArrayList<>(List.of(library.toFile()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    Compilation compilation = Compiled.javac().withClasspath(classpath)
        .compile(JavaFileObjects.forSourceString("inh.app.MyClient", """
            package inh.app;
            import dev.warden.annotations.*;
            public class MyClient extends inh.lib.Client {
              @CountCalls
              public String other() { return "other"; }
            }
            """));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("inh.app.GuardedMyClient").contentsAsUtf8String()
        .contains("GuardSite.forGeneratedOverride(MethodHandles.lookup(), Client.class, \"call\")");
  }

  /**
   * A guarded default method is guarded in a class wrapper too, unless a superclass method
   * implements it (the class's method wins, as in Java).
   */
  @Test
  void guardedDefaultMethodsAreGuardedUnlessASuperclassImplementsThem() throws Throwable {
    Compiled c = Compiled.compile(
        "inh.def.Greeting", """
            package inh.def;
            import dev.warden.annotations.*;
            public interface Greeting {
              @CountCalls
              default String hello() { return "hello"; }
              @CountCalls
              default String bye() { return "bye"; }
            }
            """,
        "inh.def.Base", """
            package inh.def;
            public class Base {
              public String bye() { return "base bye"; }
            }
            """,
        "inh.def.Greeter", """
            package inh.def;
            import dev.warden.annotations.*;
            public class Greeter extends Base implements Greeting {
              @CountCalls
              public String own() { return "own"; }
            }
            """);
    Object greeter = c.create("inh.def.GuardedGreeter");
    assertEquals("hello", call(greeter, "hello"));
    assertEquals("base bye", call(greeter, "bye"));
    assertEquals(1, stats("inh.def.Greeting#hello").calls());
    assertTrue(Warden.callStats("inh.def.Greeting#bye").isEmpty(), "Base#bye implements it: not guarded");
    assertEquals(0, declaredMethods(c.type("inh.def.GuardedGreeter"), "bye"));
  }

  /**
   * Two superinterfaces that both guard the same method leave no single choice of guards: an
   * error on the interface, which must declare the method itself.
   */
  @Test
  void theSameMethodGuardedInTwoSuperinterfacesIsAnError() {
    JavaFileObject c = JavaFileObjects.forSourceString("inh.two.C", """
        package inh.two;
        import dev.warden.annotations.*;
        public interface C extends A, B {
          @CountCalls
          String other();
        }
        """);
    Compilation compilation = Compiled.javac().compile(c,
        JavaFileObjects.forSourceString("inh.two.A", """
            package inh.two;
            import dev.warden.annotations.*;
            public interface A {
              @CountCalls
              String name();
            }
            """),
        JavaFileObjects.forSourceString("inh.two.B", """
            package inh.two;
            import dev.warden.annotations.*;
            public interface B {
              @Throttled(callsPerSecond = 1)
              String name();
            }
            """));
    assertThat(compilation).hadErrorContaining("inh.two.C inherits name() guarded in both inh.two.A and inh.two.B:"
        + " declare it in inh.two.C to choose its guards").inFile(c).onLine(3);
    assertThat(compilation).hadErrorCount(1);
  }
}
