package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

/**
 * How the woven code reaches its site: a dynamic constant in class files of Java 11 and later
 * (read like a {@code static final} field), a call to {@code WovenSites.site} per use in older ones.
 */
class SiteLoadTest {

  private static final int CONSTANT_UTF8 = 1;
  private static final int CONSTANT_DYNAMIC = 17;
  private static final String CLASS = "example.app.Kinds";

  private final Weaver weaver = new Weaver(ClassFileLocator.ForClassLoader.ofSystemLoader(), new AgentLog(false));

  @Test
  void modernClassFilesLoadTheSiteAsADynamicConstant() throws IOException {
    ConstantPool woven = ConstantPool.of(weave(classFile()));
    assertTrue(woven.tags.contains(CONSTANT_DYNAMIC), "a CONSTANT_Dynamic entry");
    // Bootstrapped by WovenSites itself, which receives the woven class's lookup (for a fallback in a named module).
    assertTrue(woven.strings.contains(
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ldev/warden/runtime/site/GuardSite;"),
        "bootstrapped by WovenSites.site(Lookup, String, Class, int)");
  }

  @Test
  void java8ClassFilesCallTheRuntimeForTheSite() throws IOException {
    byte[] java8 = classFile();
    ByteBuffer.wrap(java8).putShort(6, (short) 52);
    ConstantPool woven = ConstantPool.of(weave(java8));
    assertFalse(woven.tags.contains(CONSTANT_DYNAMIC), "no CONSTANT_Dynamic before Java 11");
    assertTrue(woven.strings.contains("dev/warden/runtime/site/WovenSites"));
    assertTrue(woven.strings.contains("(ILjava/lang/Class;)Ldev/warden/runtime/site/GuardSite;"));
  }

  private byte[] weave(byte[] classFile) {
    List<GuardedMethod> guarded = new ArrayList<>();
    byte[] woven = weaver.weave(getClass().getClassLoader(), RuntimeCopy.AGENT, CLASS, classFile, guarded, null);
    assertFalse(guarded.isEmpty());
    return woven;
  }

  private static byte[] classFile() throws IOException {
    try (InputStream in = SiteLoadTest.class.getClassLoader().getResourceAsStream(CLASS.replace('.', '/') + ".class")) {
      byte[] bytes = in.readAllBytes();
      assertEquals(61, bytes[7], "fixtures are compiled for Java 17");
      return bytes;
    }
  }

  /** The tags and UTF-8 strings of a class file's constant pool. */
  private static final class ConstantPool {
    final Set<Integer> tags = new HashSet<>();
    final Set<String> strings = new HashSet<>();

    static ConstantPool of(byte[] classFile) throws IOException {
      ConstantPool pool = new ConstantPool();
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
      in.skipNBytes(8);
      int count = in.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        pool.tags.add(tag);
        switch (tag) {
          case CONSTANT_UTF8 -> pool.strings.add(in.readUTF());
          case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
          case 15 -> in.skipNBytes(3);
          case 3, 4, 9, 10, 11, 12, CONSTANT_DYNAMIC, 18 -> in.skipNBytes(4);
          case 5, 6 -> {
            in.skipNBytes(8);
            i++;
          }
          default -> throw new IOException("constant pool tag " + tag);
        }
      }
      return pool;
    }
  }
}
