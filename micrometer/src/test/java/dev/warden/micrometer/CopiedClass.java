package dev.warden.micrometer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Another deployment of a class: a class loader of its own that defines a copy of it (in its
 * unnamed module) and takes everything else from the class's own loader.
 */
final class CopiedClass extends ClassLoader {

  private CopiedClass(ClassLoader parent) {
    super(parent);
  }

  /** {@return a copy of {@code type}, defined by a new class loader} */
  static Class<?> of(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      byte[] bytes = in.readAllBytes();
      return new CopiedClass(type.getClassLoader()).defineClass(type.getName(), bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
