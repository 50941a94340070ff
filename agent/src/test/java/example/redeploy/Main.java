package example.redeploy;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys the application in {@code args[0]} twice, each time in a class loader of its own, calls
 * its guarded methods, discards the first loader and reports whether it was collected.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    URL app = Path.of(args[0]).toUri().toURL();
    WeakReference<ClassLoader> first = deploy(app);
    deploy(app);
    List<byte[]> pressure = new ArrayList<>();
    for (int i = 0; i < 50 && first.get() != null; i++) {
      pressure.add(new byte[1 << 20]);
      if (pressure.size() > 8) {
        pressure.clear();
      }
      System.gc();
      Thread.sleep(10);
    }
    System.out.println("first loader collected: " + (first.get() == null));
  }

  private static WeakReference<ClassLoader> deploy(URL app) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {app}, Main.class.getClassLoader());
    Class<?> type = loader.loadClass("dep.Dep");
    Object dep = type.getConstructor().newInstance();
    StringBuilder out = new StringBuilder();
    for (String method : List.of("call", "call", "hello")) {
      try {
        out.append(type.getMethod(method).invoke(dep)).append(' ');
      } catch (java.lang.reflect.InvocationTargetException e) {
        out.append(e.getCause().getClass().getSimpleName()).append(' ');
      }
    }
    System.out.println(out.toString().trim());
    loader.close();
    return new WeakReference<>(loader);
  }
}
