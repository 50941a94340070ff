package dev.warden.agent;

/**
 * The agent's pre-filter on class file bytes: whether a class file mentions a Warden annotation,
 * i.e. contains the bytes of the descriptor prefix {@code Ldev/warden/annotations/} (every
 * annotation in a class file is named by its descriptor in the constant pool). The JVM hands
 * every class it loads to the agent, so the search skips ahead (Boyer-Moore-Horspool): it reads
 * about one byte in ten of a typical class file instead of every byte.
 *
 * <p>Stateless; thread-safe.
 */
final class MarkerScan {

  private static final byte[] MARKER = {
    'L', 'd', 'e', 'v', '/', 'w', 'a', 'r', 'd', 'e', 'n', '/',
    'a', 'n', 'n', 'o', 't', 'a', 't', 'i', 'o', 'n', 's', '/',
  };
  /** How far the window may move when its last byte is {@code b}: {@code SKIP[b & 0xFF]}. */
  private static final int[] SKIP = skipTable();

  private MarkerScan() {}

  /** Whether {@code classFile} contains the bytes of {@code Ldev/warden/annotations/}. */
  static boolean mentionsWarden(byte[] classFile) {
    int last = MARKER.length - 1;
    for (int end = last; end < classFile.length; end += SKIP[classFile[end] & 0xFF]) {
      int i = end;
      int j = last;
      while (classFile[i] == MARKER[j]) {
        if (j == 0) {
          return true;
        }
        i--;
        j--;
      }
    }
    return false;
  }

  private static int[] skipTable() {
    int[] skip = new int[256];
    for (int b = 0; b < skip.length; b++) {
      skip[b] = MARKER.length;
    }
    for (int j = 0; j < MARKER.length - 1; j++) {
      skip[MARKER[j] & 0xFF] = MARKER.length - 1 - j;
    }
    return skip;
  }
}
