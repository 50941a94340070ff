package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.annotations.Throttled;
import dev.warden.runtime.rules.MethodShape;
import dev.warden.runtime.site.ConfiguredMethods;
import dev.warden.runtime.site.WovenMethods;
import dev.warden.runtime.site.WovenSites;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * Guard entries reach the copy the woven class calls, as text: a declaration of one copy is no
   * declaration of another, so that copy parses the same entry with its own rules.
   */
  @Test
  void theEntriesOfAConfiguredMethodReachTheCopyItsClassCalls(@TempDir Path dir)
      throws IOException, ReflectiveOperationException {
    ClassLoader loader = new URLClassLoader(new URL[] {location(WovenSites.class), location(Throttled.class)},
        null);
    RuntimeCopy copy = RuntimeCopy.of(loader);
    Path file = Files.writeString(dir.resolve("guards.properties"),
        "example.Configured#send = @Throttled(callsPerSecond=5)\nexample.Configured = @CountCalls\n");
    ConfiguredClass configured = ConfiguredClasses.load(AgentOptions.parse("config=" + file), new AgentLog(false))
        .forClass("example/Configured");
    MethodShape send = new MethodShape("example.Configured", "send", List.of(), "void",
        new MethodShape.Flags(false, true, false, false, false, false, false, false, false, false));

    copy.configure("example.Configured", "send", "()V", configured.own(send), configured.onType());

    assertEquals(List.of(file.toString(), "example.Configured#send = @Throttled(callsPerSecond=5)",
            file.toString(), "example.Configured = @CountCalls"),
        configuredText(Class.forName("dev.warden.runtime.site.ConfiguredMethods", false, loader)));
    assertEquals(null, configuredText(ConfiguredMethods.class), "the agent's copy is untouched");
  }

  /** What a copy's {@code ConfiguredMethods} holds for {@code example.Configured#send()V}, or {@code null}. */
  private static List<String> configuredText(Class<?> configuredMethods) throws ReflectiveOperationException {
    Field configured = configuredMethods.getDeclaredField("CONFIGURED");
    configured.setAccessible(true);
    String[] text = (String[]) ((Map<?, ?>) configured.get(null)).get("example.Configured#send()V");
    return text == null ? null : Arrays.asList(text);
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
