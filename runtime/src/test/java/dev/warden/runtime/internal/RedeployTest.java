package dev.warden.runtime.internal;

import dev.warden.runtime.site.GuardSite;
import dev.warden.runtime.site.Protocol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.FakeTime;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Defect 10: after a redeploy the registry kept the dead deployment's guard, whose {@code failOn}
 * held the old class loader's exception class: the new deployment's failures did not count and
 * the old loader could never be collected.
 */
class RedeployTest {

  private static final String PACKAGE = "dev.warden.runtime.internal.redeploy.";
  private static final String NAME = "redeploy.breaker";

  @Test
  void aRedeployedGuardCountsTheNewDeploymentsFailuresAndReleasesTheOldLoader() throws Exception {
    FakeTime time = new FakeTime();
    GuardRegistry registry = new GuardRegistry(time, new JmxExporter());

    WeakReference<ClassLoader> first = deployAndOpen(registry);
    assertEquals(CircuitBreaker.State.OPEN, registry.findBreaker(NAME).state());
    time.advanceMillis(1_000);

    try (DeploymentLoader loader = new DeploymentLoader()) {
      Class<?> type = loader.loadClass(PACKAGE + "Deployment");
      GuardSite site = Protocol.site(registry, type, "call");
      CircuitBreaker breaker = registry.findBreaker(NAME);
      assertSame(type.getClassLoader(), breaker.config().failOn().get(0).getClassLoader(),
          "the newer deployment's declaration replaced the older one's guard");
      callFailing(site, type);
      assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "the new deployment's MyFailure counts");

      assertNull(collected(first), "the first deployment's class loader was collected");
    }
  }

  /**
   * Defect 4: the breaker's shared "untyped failure" recorded its stack trace when {@code
   * CircuitBreaker} was initialised, i.e. inside the static initialiser of the first class that
   * used it, and so pinned that class and its loader for as long as the runtime lived.
   */
  @Test
  void theDeploymentThatFirstInitialisesTheRuntimeStaysCollectable() throws Exception {
    try (RuntimeLoader runtime = new RuntimeLoader()) {
      WeakReference<ClassLoader> deployment = initialiseRuntimeFrom(runtime);
      Class<?> breaker = runtime.loadClass(CircuitBreaker.class.getName());
      assertSame(runtime, breaker.getClassLoader(), "a fresh copy of the runtime");

      assertNull(collected(deployment), "the deployment's class loader was collected");
      assertSame(runtime, breaker.getClassLoader(), "the runtime copy is still alive");
    }
  }

  /** Loads {@code FirstBreaker} over {@code runtime} and initialises it; keeps only a weak reference. */
  private static WeakReference<ClassLoader> initialiseRuntimeFrom(RuntimeLoader runtime) throws Exception {
    DeploymentLoader loader = new DeploymentLoader(runtime);
    Class<?> type = Class.forName(PACKAGE + "FirstBreaker", true, loader);
    assertSame(runtime, type.getDeclaredField("BREAKER").getType().getClassLoader(),
        "the deployment initialised the fresh runtime's CircuitBreaker");
    loader.close();
    return new WeakReference<>(loader);
  }

  /** Deploys a copy in a loader of its own, opens its breaker; keeps nothing of it but a weak reference. */
  private static WeakReference<ClassLoader> deployAndOpen(GuardRegistry registry) throws Exception {
    DeploymentLoader loader = new DeploymentLoader();
    Class<?> type = loader.loadClass(PACKAGE + "Deployment");
    GuardSite site = Protocol.site(registry, type, "call");
    callFailing(site, type);
    loader.close();
    return new WeakReference<>(loader);
  }

  private static void callFailing(GuardSite site, Class<?> type) throws Exception {
    Method call = type.getMethod("call");
    Object target = type.getConstructor().newInstance();
    Object permit = site.enter();
    assertNotSame(null, permit);
    try {
      call.invoke(target);
    } catch (InvocationTargetException e) {
      site.onFailure(permit, e.getCause());
      assertEquals(PACKAGE + "Deployment$MyFailure", e.getCause().getClass().getName());
      return;
    }
    throw new AssertionError("the deployment's call must fail");
  }

  /** Runs the collector until the reference is cleared, at most 50 times. */
  private static ClassLoader collected(WeakReference<ClassLoader> reference) {
    List<byte[]> pressure = new ArrayList<>();
    for (int attempt = 0; attempt < 50 && reference.get() != null; attempt++) {
      pressure.add(new byte[1 << 20]);
      System.gc();
      if (pressure.size() > 8) {
        pressure.clear();
      }
    }
    return reference.get();
  }

  /** Loads the deployment package itself (child first) and everything else from the test's loader. */
  private static final class DeploymentLoader extends URLClassLoader {
    DeploymentLoader() {
      this(RedeployTest.class.getClassLoader());
    }

    DeploymentLoader(ClassLoader parent) {
      super(new URL[] {RedeployTest.class.getProtectionDomain().getCodeSource().getLocation()}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }

  /** A copy of the runtime's own classes (child first), as a container's shared library would hold. */
  private static final class RuntimeLoader extends URLClassLoader {
    RuntimeLoader() {
      super(new URL[] {CircuitBreaker.class.getProtectionDomain().getCodeSource().getLocation()},
          RedeployTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.warden.runtime.") || name.startsWith(PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }
}
