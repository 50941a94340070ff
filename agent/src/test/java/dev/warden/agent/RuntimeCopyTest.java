package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.annotations.Throttled;
import dev.warden.runtime.site.WovenMethods;
import dev.warden.runtime.site.WovenSites;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Module defect M3: with {@code warden-runtime} on the application's module path, the application
 * loader resolves the runtime's packages to that module, not to the agent's bootstrap copy. The
 * agent registered woven methods with its own copy, so the woven code, asking the module's copy
 * for its site, found no registration (a bootstrap failure); it now registers with the copy the
 * class's loader sees.
 */
class RuntimeCopyTest {

  @Test
  void aLoaderThatSeesTheAgentsRuntimeUsesIt() {
    assertSame(RuntimeCopy.AGENT, RuntimeCopy.of(getClass().getClassLoader()));
  }

  @Test
  void aLoaderWithARuntimeOfItsOwnGetsItsMethodsRegisteredThere() throws Throwable {
    ClassLoader loader = new URLClassLoader(new URL[] {location(WovenSites.class), location(Throttled.class)},
        null);
    RuntimeCopy copy = RuntimeCopy.of(loader);
    assertNotSame(RuntimeCopy.AGENT, copy);
    assertSame(copy, RuntimeCopy.of(loader), "one copy per runtime");

    int agentsNext = WovenSites.register("example.Other", "m", "()V") + 1;
    assertEquals(0, copy.register("example.Woven", "first", "()V"), "the other copy's first id");
    assertEquals(1, copy.register("example.Woven", "second", "()V"));
    assertEquals(agentsNext, WovenSites.register("example.Other", "n", "()V"), "the agent's copy is untouched");

    copy.markWoven("example.Woven", "first", "()V");
    assertEquals(true, marked(Class.forName("dev.warden.runtime.site.WovenMethods", false, loader)));
    assertEquals(false, marked(WovenMethods.class), "the agent's copy is untouched");
  }

  /** Whether a copy's {@code WovenMethods} holds {@code example.Woven#first()V}. */
  private static boolean marked(Class<?> wovenMethods) throws ReflectiveOperationException {
    Field woven = wovenMethods.getDeclaredField("WOVEN");
    woven.setAccessible(true);
    Object set = woven.get(null);
    return (Boolean) set.getClass().getMethod("contains", Object.class).invoke(set, "example.Woven#first()V");
  }

  /** Where {@code type}'s class file was read from: a loader over it (the JDK as parent) defines its own copy. */
  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
