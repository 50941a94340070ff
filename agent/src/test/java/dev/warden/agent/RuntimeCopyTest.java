package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.runtime.site.WovenMethods;
import dev.warden.runtime.site.WovenSites;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
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
    ClassLoader loader = new RuntimeLoader();
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

  /** Defines its own copy of the runtime and the annotations from the same class files. */
  private static final class RuntimeLoader extends ClassLoader {
    RuntimeLoader() {
      super(RuntimeCopyTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.warden.runtime.") && !name.startsWith("dev.warden.annotations.")) {
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
