package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a wrapper's methods carry over from the originals: the suppressions their signatures need
 * (defect 13) and type-use annotations on parameters.
 */
class CarriedAnnotationsTest {

  /**
   * Defect 13: a signature that mentions deprecated types compiles warning-free in the original
   * thanks to {@code @SuppressWarnings} (on the method or an enclosing type) or a deprecated
   * context; the override, constructor, delegation and site field of the wrapper must too.
   */
  @Test
  void suppressionsTheSignatureNeedsAreCarriedUnderXlintAllWerror() {
    Compilation compilation = Compiled.javac().withOptions("-Xlint:all", "-Xlint:-processing", "-Werror").compile(Compiled.sources(
        "lint13.Watcher", """
            package lint13;
            import dev.warden.annotations.*;
            public class Watcher {
              @CountCalls
              @SuppressWarnings("deprecation")
              public void watch(java.util.Observable o) {}
            }
            """,
        "lint13.Legacy", """
            package lint13;
            import dev.warden.annotations.*;
            @SuppressWarnings("deprecation")
            @CountCalls
            public class Legacy {
              public Legacy(java.util.Observable o) {}
              public java.util.Observer observer(java.util.Observable o) { return null; }
              public static class Inner {
                @Throttled(callsPerSecond = 5)
                public void inner(java.util.Observable o) {}
              }
            }
            """,
        "lint13.Feed", """
            package lint13;
            import dev.warden.annotations.*;
            public interface Feed {
              @CountCalls
              String name();
              @SuppressWarnings("deprecation")
              void attach(java.util.Observer o);
            }
            """,
        "lint13.Gone", """
            package lint13;
            /** @deprecated going away */
            @Deprecated(forRemoval = true)
            public class Gone {}
            """,
        "lint13.Remover", """
            package lint13;
            import dev.warden.annotations.*;
            public class Remover {
              @CountCalls
              @SuppressWarnings("removal")
              public Gone drop(Gone g) { return g; }
              /** @deprecated old */
              @Deprecated
              @CountCalls
              public void old(java.util.Observable o) {}
            }
            """,
        "lint13.Outer", """
            package lint13;
            import dev.warden.annotations.*;
            public class Outer {
              /** @deprecated nested */
              @Deprecated
              public static class Old {}
              @CountCalls
              public String use(Old o) { return "used"; }
            }
            """));
    assertThat(compilation).succeededWithoutWarnings();
    for (String wrapper : List.of("GuardedWatcher", "GuardedLegacy", "GuardedLegacy_Inner", "GuardedFeed",
        "GuardedRemover", "GuardedOuter")) {
      assertThat(compilation).generatedSourceFile("lint13." + wrapper).isNotNull();
    }
    assertThat(compilation).generatedSourceFile("lint13.GuardedWatcher")
        .contentsAsUtf8String().contains("@SuppressWarnings(\"deprecation\")");
  }

  /**
   * Type-use annotations on parameters (on array and type-argument components too, and on a type
   * variable) and on return types are kept, once: an annotation that is both a declaration and a
   * type-use annotation is not repeated.
   */
  @Test
  void typeUseAnnotationsOnParametersAreKept() throws Throwable {
    Compiled c = Compiled.compile(
        "tu.Nullable", """
            package tu;
            import java.lang.annotation.*;
            @Target(ElementType.TYPE_USE)
            @Retention(RetentionPolicy.RUNTIME)
            public @interface Nullable {}
            """,
        "tu.Both", """
            package tu;
            import java.lang.annotation.*;
            @Target({ElementType.TYPE_USE, ElementType.PARAMETER})
            @Retention(RetentionPolicy.RUNTIME)
            public @interface Both {}
            """,
        "tu.Names", """
            package tu;
            import dev.warden.annotations.*;
            import java.util.List;
            public class Names<T> {
              @CountCalls
              public @Nullable String f(@Nullable String s, String @Nullable [] a, List<@Nullable String> l, @Both String b,
                  java.util.@Nullable Map<String, String> q, @Nullable T t) {
                return "f";
              }
            }
            """,
        "tu.Lookup", """
            package tu;
            import dev.warden.annotations.*;
            public interface Lookup {
              @CountCalls
              String find(@Nullable String key);
              @Nullable String other(@Nullable String key);
            }
            """);
    Class<? extends Annotation> nullable = c.type("tu.Nullable").asSubclass(Annotation.class);
    Class<? extends Annotation> both = c.type("tu.Both").asSubclass(Annotation.class);
    Method f = Arrays.stream(c.type("tu.GuardedNames").getDeclaredMethods())
        .filter(m -> m.getName().equals("f")).findFirst().orElseThrow();
    AnnotatedType[] types = f.getAnnotatedParameterTypes();
    assertTrue(types[0].isAnnotationPresent(nullable), "@Nullable String");
    assertTrue(types[1].isAnnotationPresent(nullable), "String @Nullable []");
    assertTrue(!((AnnotatedArrayType) types[1]).getAnnotatedGenericComponentType().isAnnotationPresent(nullable));
    assertTrue(((AnnotatedParameterizedType) types[2]).getAnnotatedActualTypeArguments()[0].isAnnotationPresent(nullable),
        "List<@Nullable String>");
    assertTrue(types[3].isAnnotationPresent(both), "@Both as type use");
    assertEquals(List.of(both), annotationTypes(f.getParameterAnnotations()[3]), "@Both as declaration, once");
    assertTrue(types[4].isAnnotationPresent(nullable), "java.util.@Nullable Map");
    assertTrue(types[5].isAnnotationPresent(nullable), "@Nullable T");
    assertTrue(f.getAnnotatedReturnType().isAnnotationPresent(nullable), "returns @Nullable String");
    for (String name : List.of("find", "other")) {
      Method m = c.type("tu.GuardedLookup").getDeclaredMethod(name, String.class);
      assertTrue(m.getAnnotatedParameterTypes()[0].isAnnotationPresent(nullable), name);
    }
    assertTrue(c.type("tu.GuardedLookup").getDeclaredMethod("other", String.class).getAnnotatedReturnType()
        .isAnnotationPresent(nullable), "delegation returns @Nullable String");
  }

  private static List<Class<?>> annotationTypes(Annotation[] annotations) {
    return Arrays.stream(annotations).map(Annotation::annotationType).collect(Collectors.toList());
  }
}
