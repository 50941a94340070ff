package dev.warden.agent;

import dev.warden.runtime.site.GuardSite;
import dev.warden.runtime.site.WovenSites;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;

/**
 * Weaves a fixture class with the agent's {@link Weaver}, as the agent does, then points the woven
 * code at {@link ScriptedSite} and {@link ScriptedSites} in place of the runtime's {@code
 * GuardSite} and {@code WovenSites} (nothing else changes), and defines it in a new class loader,
 * which verifies it when it initializes it. The class file may first be marked as an older version.
 */
final class ScriptedWeaving {

  private static final Map<String, String> RENAMES = Map.of(
      GuardSite.class.getName().replace('.', '/'), ScriptedSite.class.getName().replace('.', '/'),
      WovenSites.class.getName().replace('.', '/'), ScriptedSites.class.getName().replace('.', '/'));

  private ScriptedWeaving() {}

  /** The woven class {@code className} (a test fixture), its class file marked as version {@code major}. */
  static Class<?> load(String className, int major) {
    byte[] classFile = classFile(className);
    ByteBuffer.wrap(classFile).putShort(6, (short) major);
    List<GuardedMethod> guarded = new ArrayList<>();
    byte[] woven = new Weaver(ClassFileLocator.ForClassLoader.ofSystemLoader(), new AgentLog(false))
        .weave(ScriptedWeaving.class.getClassLoader(), RuntimeCopy.AGENT, className, classFile, guarded, null);
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(woven).accept(new ClassRemapper(writer, new SimpleRemapper(RENAMES)), 0);
    byte[] scripted = writer.toByteArray();
    ClassLoader loader = new ClassLoader(ScriptedWeaving.class.getClassLoader()) {
      {
        defineClass(className, scripted, 0, scripted.length);
      }
    };
    try {
      return Class.forName(className, true, loader); // the defined class: verified, then initialized (sites loaded)
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] classFile(String className) {
    try (InputStream in = ScriptedWeaving.class.getClassLoader()
        .getResourceAsStream(className.replace('.', '/') + ".class")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
