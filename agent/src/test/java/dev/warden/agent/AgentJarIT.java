package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Fails the build if the packaged agent jar leaks an unrelocated Byte Buddy or ASM class, misses
 * the runtime or annotations, or lacks its agent manifest attributes.
 */
class AgentJarIT {

  @Test
  void containsNoUnrelocatedByteBuddyOrAsm() throws IOException {
    try (JarFile jar = new JarFile(Jvm.AGENT_JAR.toFile())) {
      List<String> leaked = jar.stream()
          .map(entry -> entry.getName())
          .filter(name -> name.matches("(META-INF/versions/\\d+/)?(net/bytebuddy|org/objectweb/asm)/.*"))
          .toList();
      assertEquals(List.of(), leaked);
    }
  }

  @Test
  void carriesRuntimeAnnotationsAndRelocatedByteBuddy() throws IOException {
    try (JarFile jar = new JarFile(Jvm.AGENT_JAR.toFile())) {
      for (String entry : List.of(
          "dev/warden/runtime/Warden.class",
          "dev/warden/runtime/site/GuardSite.class",
          "dev/warden/runtime/site/WovenSites.class",
          "dev/warden/annotations/Throttled.class",
          "dev/warden/agent/shaded/net/bytebuddy/ByteBuddy.class",
          "dev/warden/agent/shaded/net/bytebuddy/jar/asm/ClassReader.class")) {
        assertNotNull(jar.getEntry(entry), entry);
      }
    }
  }

  @Test
  void hasTheAgentManifestAttributes() throws IOException {
    try (JarFile jar = new JarFile(Jvm.AGENT_JAR.toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("dev.warden.agent.WardenAgent", main.getValue("Premain-Class"));
      assertEquals("dev.warden.agent.WardenAgent", main.getValue("Agent-Class"));
      assertEquals("false", main.getValue("Can-Retransform-Classes"));
      assertEquals(Jvm.AGENT_JAR.getFileName() + " warden-agent.jar", main.getValue("Boot-Class-Path"));
      assertTrue(jar.getEntry("dev/warden/agent/WardenAgent.class") != null, "Premain-Class in jar");
    }
  }
}
