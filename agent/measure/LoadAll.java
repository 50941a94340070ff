import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Start-up workload for {@code startup.sh}: loads (without initializing) every class of the jars
 * named as arguments, which must also be on the class path; with no argument it only prints.
 */
public final class LoadAll {

  private LoadAll() {}

  public static void main(String[] jars) throws Exception {
    int loaded = 0;
    int failed = 0;
    ClassLoader loader = LoadAll.class.getClassLoader();
    for (String path : jars) {
      try (JarFile jar = new JarFile(path)) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          String name = entries.nextElement().getName();
          if (!name.endsWith(".class") || name.contains("-")) {
            continue; // module-info, package-info, multi-release versions
          }
          try {
            Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
            loaded++;
          } catch (LinkageError | ClassNotFoundException e) {
            failed++; // optional dependencies absent
          }
        }
      }
    }
    System.out.println(loaded + " classes loaded, " + failed + " not loadable");
  }
}
