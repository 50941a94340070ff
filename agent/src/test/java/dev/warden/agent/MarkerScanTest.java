package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarkerScanTest {

  private static final String MARKER = "Ldev/warden/annotations/";

  @Test
  void findsTheAnnotationDescriptorInAnnotatedClassFiles() throws IOException {
    assertTrue(MarkerScan.mentionsWarden(classFile("example/app/Kinds.class")));
    assertTrue(MarkerScan.mentionsWarden(classFile("example/app/ClassLevel.class")));
  }

  @Test
  void skipsClassFilesWithoutWardenAnnotations() throws IOException {
    assertFalse(MarkerScan.mentionsWarden(classFile("example/app/Check.class")));
    assertFalse(MarkerScan.mentionsWarden(classFile("java/lang/String.class")));
    assertFalse(MarkerScan.mentionsWarden(new byte[] {'L', 'd', 'e', 'v'}));
    assertFalse(MarkerScan.mentionsWarden(new byte[0]));
  }

  @Test
  void findsTheMarkerAtEitherEndAndAfterNearMisses() {
    assertTrue(MarkerScan.mentionsWarden(bytes(MARKER)));
    assertTrue(MarkerScan.mentionsWarden(bytes(MARKER + "CountCalls;")));
    assertTrue(MarkerScan.mentionsWarden(bytes("\u0001\u0000(Lcom/acme/Foo;)V" + MARKER)));
    assertTrue(MarkerScan.mentionsWarden(bytes("Ldev/warden/annotationsLdev/warden/" + MARKER + "x")));
    assertFalse(MarkerScan.mentionsWarden(bytes("Ldev/warden/annotations")));
    assertFalse(MarkerScan.mentionsWarden(bytes("Ldev/warden/runtime/Warden;Ldev/warden/annotations.")));
    assertFalse(MarkerScan.mentionsWarden(bytes("ldev/warden/annotations/")));
  }

  @Test
  void agreesWithAPlainSearchOnRandomInput() {
    Random random = new Random(42);
    byte[] alphabet = bytes("Ldevwarnotis/;\u0000");
    for (int round = 0; round < 20_000; round++) {
      byte[] data = new byte[random.nextInt(120)];
      for (int i = 0; i < data.length; i++) {
        data[i] = alphabet[random.nextInt(alphabet.length)];
      }
      if (random.nextInt(4) == 0 && data.length >= MARKER.length()) {
        System.arraycopy(bytes(MARKER), 0, data, random.nextInt(data.length - MARKER.length() + 1), MARKER.length());
      }
      String text = new String(data, StandardCharsets.ISO_8859_1);
      assertEquals(text.contains(MARKER), MarkerScan.mentionsWarden(data), text);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] classFile(String name) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
