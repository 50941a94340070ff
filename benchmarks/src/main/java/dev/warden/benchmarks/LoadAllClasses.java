package dev.warden.benchmarks;

import java.io.IOException;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The application whose start-up {@link StartupCost} times: loads (without initialising) every
 * class of a jar that is on its class path, then prints how many loaded. Without an argument it
 * loads nothing, to time a bare JVM start.
 */
public final class LoadAllClasses {

  private LoadAllClasses() {}

  /**
   * @param args the jar whose classes to load, which must be on the class path; or nothing
   * @throws IOException if the jar cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 1) {
      throw new IllegalArgumentException("Usage: LoadAllClasses [jar on the class path]");
    }
    if (args.length == 0) {
      System.out.println("0 classes loaded");
      return;
    }
    ClassLoader loader = LoadAllClasses.class.getClassLoader();
    int loaded = 0;
    int failed = 0;
    try (JarFile jar = new JarFile(args[0])) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
          continue;
        }
        try {
          Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
          loaded++;
        } catch (LinkageError | ClassNotFoundException e) {
          failed++; // an optional dependency of the library is absent; not our concern here
        }
      }
    }
    System.out.println(loaded + " classes loaded, " + failed + " not loadable");
  }
}
