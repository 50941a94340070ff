package dev.warden.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * A successful compilation of fixture sources with the processor, whose classes (fixtures and
 * generated wrappers) are loaded by a child loader of the test's, so they share the runtime.
 */
final class Compiled extends ClassLoader {

  private final Map<String, byte[]> classes = new HashMap<>();
  final Compilation compilation;

  private Compiled(Compilation compilation) {
    super(Compiled.class.getClassLoader());
    this.compilation = compilation;
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(), path.length() - ".class".length());
        try (InputStream in = file.openInputStream()) {
          classes.put(name.replace('/', '.'), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Compiles {@code name → source} pairs with {@link #javac()}; asserts success. */
  static Compiled compile(String... namesAndSources) {
    Compilation compilation = javac().compile(sources(namesAndSources));
    assertThat(compilation).succeeded();
    return new Compiled(compilation);
  }

  /** The classes of {@code compilation}, which must have succeeded. */
  static Compiled of(Compilation compilation) {
    assertThat(compilation).succeeded();
    return new Compiled(compilation);
  }

  /**
   * javac with the processor and every lint but {@code processing}, which warns about each
   * annotation no processor claims: Warden's (the processor claims none) and the wrappers'
   * {@code @Generated}.
   */
  static Compiler javac() {
    return Compiler.javac().withProcessors(new WardenProcessor()).withOptions("-Xlint:all", "-Xlint:-processing");
  }

  static JavaFileObject[] sources(String... namesAndSources) {
    JavaFileObject[] files = new JavaFileObject[namesAndSources.length / 2];
    for (int i = 0; i < files.length; i++) {
      files[i] = JavaFileObjects.forSourceString(namesAndSources[2 * i], namesAndSources[2 * i + 1]);
    }
    return files;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  Class<?> type(String name) {
    try {
      return loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("not compiled: " + name + "; have " + classes.keySet(), e);
    }
  }

  /** A new instance of {@code name} through its constructor taking exactly {@code args.length} arguments. */
  Object create(String name, Object... args) throws Throwable {
    for (Constructor<?> c : type(name).getDeclaredConstructors()) {
      if (c.getParameterCount() == args.length) {
        try {
          return c.newInstance(args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no constructor with " + args.length + " parameters in " + name);
  }

  /** Calls the public method {@code name} with {@code args.length} parameters, unwrapping its exception. */
  static Object call(Object target, String name, Object... args) throws Throwable {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + name + " with " + args.length + " parameters on " + target.getClass());
  }
}
