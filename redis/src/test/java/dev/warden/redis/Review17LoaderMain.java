package dev.warden.redis;

import java.io.File;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Review of issue 17, a JVM of its own (started with {@code --add-opens java.base/java.lang}):
 * warden-redis in an application's own class loader (as in a web container, on a request thread
 * whose context loader is the application's), a store opened, then every store closed with
 * {@code closeAll}, as an application does on undeploy. Prints what of the JVM still holds the
 * application's loader: {@code hooks: N} (shutdown hooks whose code is the application's) and
 * {@code threads: [...]} (live threads whose context loader is the application's).
 * Argument: the Redis URI.
 */
public final class Review17LoaderMain {

  private Review17LoaderMain() {}

  public static void main(String[] args) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    ClassLoader jdkOnly = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String hidden : List.of("dev.warden.", "io.lettuce.", "io.netty.", "reactor.", "org.reactivestreams.")) {
          if (name.startsWith(hidden)) {
            throw new ClassNotFoundException(name);
          }
        }
        return super.loadClass(name, resolve);
      }
    };
    URLClassLoader app = new URLClassLoader(urls.toArray(URL[]::new), jdkOnly);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(app); // a container's request thread
    try {
      Class<?> settings = app.loadClass("dev.warden.runtime.store.StoreSettings");
      Object values = settings.getMethod("of", String.class, Map.class).invoke(null, "redis", Map.of("uri", args[0]));
      Class<?> provider = app.loadClass("dev.warden.redis.RedisStoreProvider");
      Object store = provider.getMethod("open", settings).invoke(provider.getConstructor().newInstance(), values);
      if (store.getClass().getClassLoader() != app) {
        throw new AssertionError("not the application's copy: " + store.getClass().getClassLoader());
      }
      TimeUnit.MILLISECONDS.sleep(500); // connected
      app.loadClass("dev.warden.redis.RedisStores").getMethod("closeAll").invoke(null);
    } finally {
      thread.setContextClassLoader(previous);
    }
    TimeUnit.SECONDS.sleep(3); // Netty's global executor's quiet period is 1 s
    Class<?> hooksClass = Class.forName("java.lang.ApplicationShutdownHooks");
    Field hooksField = hooksClass.getDeclaredField("hooks");
    hooksField.setAccessible(true);
    int hooks = 0;
    synchronized (hooksClass) {
      for (Object hook : ((Map<?, ?>) hooksField.get(null)).keySet()) {
        Object runnable = task((Thread) hook);
        if (runnable != null && runnable.getClass().getClassLoader() == app) {
          hooks++;
        }
      }
    }
    List<String> threads = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getContextClassLoader() == app) {
        threads.add(t.getName());
      }
    }
    System.out.println("hooks: " + hooks);
    System.out.println("threads: " + threads);
  }

  /** The Runnable of an unstarted thread: field {@code target} (JDK 17), {@code holder.task} (JDK 19+). */
  private static Object task(Thread hook) throws ReflectiveOperationException {
    try {
      Field target = Thread.class.getDeclaredField("target");
      target.setAccessible(true);
      return target.get(hook);
    } catch (NoSuchFieldException newer) {
      Field holderField = Thread.class.getDeclaredField("holder");
      holderField.setAccessible(true);
      Object holder = holderField.get(hook);
      Field task = holder.getClass().getDeclaredField("task");
      task.setAccessible(true);
      return task.get(holder);
    }
  }
}
