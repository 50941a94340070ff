package app;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Runs {@link Checks} in a child class loader over the jars named by {@code args} whose parent is
 * the platform loader: neither the SDK nor the checks come from the application class path.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    URL[] urls = new URL[args.length];
    for (int i = 0; i < args.length; i++) {
      urls[i] = new File(args[i]).toURI().toURL();
    }
    try (URLClassLoader child = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      Class.forName("app.Checks", true, child).getMethod("main", String[].class)
          .invoke(null, (Object) new String[] {"child-loader"});
    }
  }
}
