package dev.warden.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.warden.annotations.Throttled;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Module defect M4: the java agent's runtime (a bootstrap class) reads classes of a named
 * application module, whose annotations are that module path's own copy of {@code
 * dev.warden.annotations}. The runtime matched annotations by class identity, found none and
 * left every call unguarded; it now matches them by name.
 */
class CopiedAnnotationsTest {

  @Test
  void annotationsOfAnotherCopyOfTheAnnotationTypesAreRead() throws Exception {
    Class<?> fixture = new CopyingLoader().loadClass(CopiedAnnotationFixture.class.getName());
    Method call = fixture.getDeclaredMethod("call");
    assertNotSame(Throttled.class, call.getDeclaredAnnotations()[0].annotationType(), "a second copy");

    Map<GuardKind, GuardDeclaration> applicable = Reflection.applicable(call);

    assertEquals(List.of(GuardKind.THROTTLED, GuardKind.BREAKER), List.copyOf(applicable.keySet()));
    assertEquals(7.5, applicable.get(GuardKind.THROTTLED).value("callsPerSecond"));
    assertEquals(3, applicable.get(GuardKind.THROTTLED).value("burst"));
    assertEquals(List.of(IllegalStateException.class.getName()), applicable.get(GuardKind.BREAKER).typeNames("failOn"));
  }

  /** Defines the annotations and the fixture itself, from the same class files; the rest comes from its parent. */
  private static final class CopyingLoader extends ClassLoader {
    CopyingLoader() {
      super(CopiedAnnotationsTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.warden.annotations.") && !name.equals(CopiedAnnotationFixture.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }
}
