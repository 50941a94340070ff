package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Generated wrappers compile without a single warning under {@code -Xlint:all -Werror}, for the
 * cases that draw lint warnings when copied naively: serializable types, deprecated members and
 * types, generic varargs, raw types, unchecked casts of generic results, and the
 * warning javac gives for a processor supporting an older source version. ({@code [processing]}
 * lint, about annotations no processor claims, concerns the build, not the generated code:
 * Warden claims nothing, so it is turned off here as the README advises.)
 */
class LintTest {

  @Test
  void generatedSourcesAreWarningFreeUnderXlintAllWerror() {
    Compilation compilation = Compiled.javac().withOptions("-Xlint:all", "-Xlint:-processing", "-Werror").compile(Compiled.sources(
        "lint.Account", """
            package lint;
            import dev.warden.annotations.*;
            import java.io.Serializable;
            import java.util.*;
            import java.util.concurrent.CompletableFuture;
            @CountCalls
            public class Account implements Serializable {
              private static final long serialVersionUID = 1L;
              public Account() {}
              @Deprecated
              public Account(String legacy) {}
              @Deprecated
              public String old() { return "old"; }
              @Deprecated(since = "2", forRemoval = true)
              public String doomed() { return "doomed"; }
              @SuppressWarnings({"unchecked", "varargs"})
              public <T> List<T> listOf(T... items) { return Arrays.asList(items); }
              @SuppressWarnings({"rawtypes", "unchecked"})
              public List raw(Map values) { return new ArrayList<>(values.keySet()); }
              public <K, V extends Comparable<V>> Map<K, V> copy(Map<? extends K, ? extends V> in) { return new HashMap<>(in); }
              public CompletableFuture<Optional<String>> async() { return CompletableFuture.completedFuture(Optional.empty()); }
              public int[] numbers(int... n) { return n; }
              public Object anything() { return this; }
            }
            """,
        "lint.Legacy", """
            package lint;
            import dev.warden.annotations.*;
            /** @deprecated use Account */
            @Deprecated
            public class Legacy {
              @Throttled(callsPerSecond = 5)
              public String call(String in) { return in; }
            }
            """,
        "lint.Doomed", """
            package lint;
            import dev.warden.annotations.*;
            /** @deprecated going away */
            @Deprecated(forRemoval = true)
            public class Doomed {
              @CountCalls
              public void run() {}
            }
            """,
        "lint.Repository", """
            package lint;
            import dev.warden.annotations.*;
            import java.io.Serializable;
            import java.util.List;
            public interface Repository<T extends Serializable> extends Serializable {
              @Breaker(failureThreshold = 2)
              List<T> findAll(String... filters) throws java.io.IOException;
              @SuppressWarnings({"unchecked", "varargs"})
              void saveAll(T... items);
            }
            """));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("lint.GuardedAccount").isNotNull();
    assertThat(compilation).generatedSourceFile("lint.GuardedLegacy").isNotNull();
    assertThat(compilation).generatedSourceFile("lint.GuardedRepository").isNotNull();
    assertThat(compilation).generatedSourceFile("lint.GuardedDoomed").isNotNull();
  }
}
