package dev.warden.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * Another application's class loader: it defines its own copy of one class (in its unnamed
 * module) and has a {@code warden.properties} of its own; everything else comes from the parent.
 *
 * <p>Thread-safe, as class loaders are.
 */
final class CopyingLoader extends ClassLoader {

  private final String copied;
  private final URL properties;

  /**
   * @param copied the class to define a copy of
   * @param properties this loader's {@code warden.properties}
   */
  CopyingLoader(Class<?> copied, URL properties) {
    super(copied.getClassLoader());
    this.copied = copied.getName();
    this.properties = properties;
  }

  /** {@return this loader's copy of the class} */
  Class<?> copy() {
    try {
      return loadClass(copied);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public URL getResource(String name) {
    return name.equals("warden.properties") ? properties : super.getResource(name);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.equals(copied)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        byte[] bytes;
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          bytes = in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        loaded = defineClass(name, bytes, 0, bytes.length);
      }
      return loaded;
    }
  }
}
