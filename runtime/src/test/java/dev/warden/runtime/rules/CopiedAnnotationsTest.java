package dev.warden.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.warden.annotations.Throttled;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
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
    Class<?> fixture = new URLClassLoader(new URL[] {location(Throttled.class), location(CopiedAnnotationFixture.class)},
        null).loadClass(CopiedAnnotationFixture.class.getName());
    Method call = fixture.getDeclaredMethod("call");
    assertNotSame(Throttled.class, call.getDeclaredAnnotations()[0].annotationType(), "a second copy");

    Map<GuardKind, GuardDeclaration> applicable = Reflection.applicable(call);

    assertEquals(List.of(GuardKind.THROTTLED, GuardKind.BREAKER), List.copyOf(applicable.keySet()));
    assertEquals(7.5, applicable.get(GuardKind.THROTTLED).value("callsPerSecond"));
    assertEquals(3, applicable.get(GuardKind.THROTTLED).value("burst"));
    assertEquals(List.of(IllegalStateException.class.getName()), applicable.get(GuardKind.BREAKER).typeNames("failOn"));
  }

  /** Where {@code type}'s class file was read from: a loader over it (the JDK as parent) defines its own copy. */
  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
