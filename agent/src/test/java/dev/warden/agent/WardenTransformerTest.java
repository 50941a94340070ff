package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WardenTransformerTest {

  @Test
  void preFilterFindsTheAnnotationDescriptorInAnnotatedClassFiles() throws IOException {
    assertTrue(WardenTransformer.mentionsWarden(classFile("example/app/Kinds.class")));
    assertTrue(WardenTransformer.mentionsWarden(classFile("example/app/ClassLevel.class")));
  }

  @Test
  void preFilterSkipsClassFilesWithoutWardenAnnotations() throws IOException {
    assertFalse(WardenTransformer.mentionsWarden(classFile("example/app/Check.class")));
    assertFalse(WardenTransformer.mentionsWarden(classFile("java/lang/String.class")));
    assertFalse(WardenTransformer.mentionsWarden(new byte[] {'L', 'd', 'e', 'v'}));
  }

  private static byte[] classFile(String name) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
