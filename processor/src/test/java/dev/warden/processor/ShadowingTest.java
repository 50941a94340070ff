package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.warden.processor.Compiled.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.warden.runtime.ThrottledException;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Defect 5: a wrapper inherits the member types of the wrapped type and of its supertypes, so a
 * nested type there shadows an imported type of the same simple name (and {@code java.lang}
 * names such as {@code Override}) inside the generated class. The wrapper must name such types
 * in full. Compiled under {@code -Xlint:all -Werror}, then called.
 */
class ShadowingTest {

  private static Compilation compile(String... namesAndSources) {
    Compilation compilation = Compiled.javac().withOptions("-Xlint:all", "-Xlint:-processing", "-Werror")
        .compile(Compiled.sources(namesAndSources));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  /** Defect 5: {@code Files.Path} shadows {@code java.nio.file.Path}; {@code Files.Override} shadows {@code @Override}. */
  @Test
  void nestedTypesOfTheClassDoNotShadowImportedOrJavaLangTypes() throws Throwable {
    String source = """
        package shadow.own;
        import dev.warden.annotations.*;
        public class Files {
          public static class Path {}
          public @interface Override {}
          @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
          public String read(java.nio.file.Path p) { return "read " + p; }
          @CountCalls
          public Path local(Path p) { return p; }
        }
        """;
    compile("shadow.own.Files", source);
    Compiled c = Compiled.compile("shadow.own.Files", source);
    Object files = c.create("shadow.own.GuardedFiles");
    assertEquals("read a", call(files, "read", Path.of("a")));
    assertThrows(ThrottledException.class, () -> call(files, "read", Path.of("b")));
  }

  /** Defect 5: nested types of a superclass in another package, and of superinterfaces, shadow too. */
  @Test
  void nestedTypesOfSupertypesDoNotShadowImportedTypes() throws Throwable {
    String[] sources = {
        "shadow.base.Base", """
            package shadow.base;
            public class Base {
              public static class List {}
              public interface Objects {}
            }
            """,
        "shadow.base.Named", """
            package shadow.base;
            public interface Named {
              class Path {}
              interface GuardSite {}
              String name();
            }
            """,
        "shadow.sub.Store", """
            package shadow.sub;
            import dev.warden.annotations.*;
            public class Store extends shadow.base.Base implements shadow.base.Named {
              @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
              public java.util.List<String> keys(java.nio.file.Path dir) { return java.util.List.of(dir.toString()); }
              @Override
              public String name() { return "store"; }
            }
            """,
        "shadow.sub.Repository", """
            package shadow.sub;
            import dev.warden.annotations.*;
            public interface Repository extends shadow.base.Named {
              class List {}
              @CountCalls
              java.util.List<String> find(java.nio.file.Path dir);
            }
            """};
    compile(sources);
    Compiled c = Compiled.compile(sources);
    Object store = c.create("shadow.sub.GuardedStore");
    assertEquals(List.of("x"), call(store, "keys", Path.of("x")));
    assertThrows(ThrottledException.class, () -> call(store, "keys", Path.of("y")));
  }

  /**
   * Defect 8: member types named {@code Object} and {@code Throwable} (of an interface, and of a
   * superclass) do not shadow the {@code Object} and {@code Throwable} the wrapper's code uses
   * (permit, argument array, catch clause), for methods with and without parameters and a
   * default method.
   */
  @Test
  void nestedObjectAndThrowableDoNotShadowTheWrappersOwnTypes() throws Throwable {
    String[] sources = {
        "shadow.lang.Api", """
            package shadow.lang;
            import dev.warden.annotations.*;
            public interface Api {
              class Object {}
              class Throwable {}
              @CountCalls java.lang.String get(java.lang.String s);
              @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
              default java.lang.String hello() { return "hi"; }
            }
            """,
        "shadow.lang.Base", """
            package shadow.lang;
            import dev.warden.annotations.*;
            public class Base {
              public static class Object {}
              public static class Throwable {}
              @Throttled(callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0)
              public java.lang.String get(java.lang.String s) { return s; }
            }
            """};
    compile(sources);
    Compiled c = Compiled.compile(sources);
    Object base = c.create("shadow.lang.GuardedBase");
    assertEquals("a", call(base, "get", "a"));
    assertThrows(ThrottledException.class, () -> call(base, "get", "b"));
    Class<?> api = c.type("shadow.lang.Api");
    Object delegate = java.lang.reflect.Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
        (self, method, args) -> java.lang.reflect.InvocationHandler.invokeDefault(self, method, args));
    Object wrapped = c.create("shadow.lang.GuardedApi", delegate);
    assertEquals("hi", call(wrapped, "hello"));
    assertThrows(ThrottledException.class, () -> call(wrapped, "hello"));
  }

  /**
   * Defect 5, the case JavaPoet cannot name: a member type hides a top-level type of the
   * wrapper's own package that a guarded signature uses. A clear error instead of a wrapper that
   * does not compile.
   */
  @Test
  void aHiddenTypeOfTheSamePackageIsAClearError() {
    String wallet = """
        package shadow.pkg;
        import dev.warden.annotations.*;
        public class Wallet extends Base {
          @CountCalls
          public String pay(shadow.pkg.Money m) { return "paid"; }
        }
        """;
    JavaFileObject file = JavaFileObjects.forSourceString("shadow.pkg.Wallet", wallet);
    Compilation compilation = Compiled.javac().compile(file,
        JavaFileObjects.forSourceString("shadow.pkg.Money", "package shadow.pkg; public class Money {}"),
        JavaFileObjects.forSourceString("shadow.pkg.Base", "package shadow.pkg; public class Base { public static class Money {} }"));
    assertThat(compilation).hadErrorContaining("shadow.pkg.Wallet#pay uses shadow.pkg.Money, which the generated wrapper"
        + " cannot name: inside it, the member type shadow.pkg.Base.Money hides it; rename one of the two types")
        .inFile(file).onLine(3);
    assertThat(compilation).hadErrorCount(1);
  }

  /** Defect 5: the wrapped class itself, named in the site's class literal, hidden by a member type of its superclass. */
  @Test
  void theWrappedTypeHiddenByAMemberTypeIsAClearError() {
    String wallet = """
        package shadow.self;
        import dev.warden.annotations.*;
        public class Wallet extends Base {
          @CountCalls
          public String pay() { return "paid"; }
        }
        """;
    JavaFileObject file = JavaFileObjects.forSourceString("shadow.self.Wallet", wallet);
    Compilation compilation = Compiled.javac().compile(file, JavaFileObjects.forSourceString("shadow.self.Base",
        "package shadow.self; public class Base { public static class Wallet {} }"));
    assertThat(compilation).hadErrorContaining("shadow.self.Wallet#pay uses shadow.self.Wallet, which the generated"
        + " wrapper cannot name: inside it, the member type shadow.self.Base.Wallet hides it").inFile(file).onLine(3);
    assertThat(compilation).hadErrorCount(1);
  }
}
