package dev.warden.runtime.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A class loader of an application with store providers on its class path: it defines its own
 * copies of some classes (in its unnamed module, where {@link java.util.ServiceLoader} accepts a
 * provider named by a {@code META-INF/services} file; a provider in a named module must be
 * declared by the module) and may replace the services file.
 *
 * <p>Thread-safe, as class loaders are.
 */
public final class ProviderLoader extends ClassLoader {

  /** The services file of store providers. */
  public static final String SERVICES = "META-INF/services/" + BucketStoreProvider.class.getName();

  private final URL services;
  private final Set<String> copied;

  /**
   * A loader whose services file is {@code services} ({@code null}: the test's, naming {@link
   * FakeStoreProvider}) and which defines copies of {@link FakeStoreProvider} and {@code copies}.
   */
  public ProviderLoader(URL services, Class<?>... copies) {
    super(ProviderLoader.class.getClassLoader());
    this.services = services;
    this.copied = Stream.concat(Stream.of(FakeStoreProvider.class), Arrays.stream(copies))
        .map(Class::getName).collect(Collectors.toUnmodifiableSet());
  }

  /** {@return this loader's copy of {@code type}} */
  public Class<?> copy(Class<?> type) throws ClassNotFoundException {
    return loadClass(type.getName());
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return services != null && name.equals(SERVICES) ? Collections.enumeration(Set.of(services)) : super.getResources(name);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!copied.contains(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        byte[] bytes;
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          bytes = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
          throw new ClassNotFoundException(name, e);
        }
        loaded = defineClass(name, bytes, 0, bytes.length);
      }
      return loaded;
    }
  }
}
