package dev.warden.agent;

import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.ThrottledException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

/**
 * Validates a guarded method's configuration at weave time, with the runtime's own config types
 * and the same messages: the first problem found is the one every call of the method will fail
 * with (the runtime checks in the same order: breaker values, breaker fallback, throttle values,
 * throttle fallback). Values that a system property or {@code warden.properties} overrides are
 * left to the runtime, which reads the overrides when the guard is created.
 *
 * <p>Stateless; thread-safe.
 */
final class ConfigCheck {

  private static final TypeDescription CIRCUIT_OPEN = TypeDescription.ForLoadedType.of(CircuitOpenException.class);
  private static final TypeDescription THROTTLED = TypeDescription.ForLoadedType.of(ThrottledException.class);
  private static final String RESOURCE = "warden.properties";

  private ConfigCheck() {}

  /** The message the method's calls will fail with, or {@code null} if its configuration is valid. */
  static String firstProblem(GuardedMethod guarded, ClassLoader loader) {
    String display = guarded.displayName();
    AnnotationDescription breaker = guarded.breaker();
    if (breaker != null) {
      String problem = breakerValues(breaker, display, loader);
      if (problem == null) {
        problem = fallback(guarded.method(), string(breaker, "fallback"), CIRCUIT_OPEN, "@Breaker(fallback)");
      }
      if (problem != null) {
        return problem;
      }
    }
    AnnotationDescription throttled = guarded.throttled();
    if (throttled != null) {
      String problem = throttledValues(throttled, display, loader);
      return problem != null
          ? problem
          : fallback(guarded.method(), string(throttled, "fallback"), THROTTLED, "@Throttled(fallback)");
    }
    return null;
  }

  private static String breakerValues(AnnotationDescription a, String display, ClassLoader loader) {
    try {
      new CircuitBreakerConfig(
          a.getValue("failureThreshold").resolve(Integer.class),
          a.getValue("cooldownMillis").resolve(Long.class),
          a.getValue("halfOpenCalls").resolve(Integer.class),
          List.of(Throwable.class),
          List.of());
      return null;
    } catch (ConfigurationException e) {
      return overridden(guardName(a, display), loader) ? null : message(e, "@Breaker", display);
    }
  }

  private static String throttledValues(AnnotationDescription a, String display, ClassLoader loader) {
    try {
      new RateLimiterConfig(
          a.getValue("callsPerSecond").resolve(Double.class),
          a.getValue("burst").resolve(Integer.class),
          a.getValue("maxWaitMillis").resolve(Long.class));
      return null;
    } catch (ConfigurationException e) {
      return overridden(guardName(a, display), loader) ? null : message(e, "@Throttled", display);
    }
  }

  private static String message(ConfigurationException e, String annotation, String display) {
    return "Invalid " + annotation + "(" + e.attribute() + "=" + e.value() + ") on " + display + ": " + e.getMessage();
  }

  private static String string(AnnotationDescription a, String attribute) {
    return a.getValue(attribute).resolve(String.class);
  }

  private static String guardName(AnnotationDescription a, String display) {
    String name = string(a, "name");
    return name.isEmpty() ? display : name;
  }

  /** Whether any override key exists for the guard (then the runtime decides). */
  private static boolean overridden(String guardName, ClassLoader loader) {
    String prefix = "warden." + guardName + ".";
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    URL url = loader == null ? ClassLoader.getSystemResource(RESOURCE) : loader.getResource(RESOURCE);
    if (url == null) {
      return false;
    }
    Properties file = new Properties();
    try (InputStream in = url.openStream()) {
      file.load(in);
    } catch (IOException e) {
      return true;
    }
    for (String key : file.stringPropertyNames()) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** As the runtime's fallback resolution, on the type description of the class being loaded. */
  private static String fallback(
      MethodDescription.InDefinedShape guarded, String name, TypeDescription rejection, String attribute) {
    if (name.isEmpty()) {
      return null;
    }
    TypeDescription owner = guarded.getDeclaringType();
    TypeList params = guarded.getParameters().asTypeList().asErasures();
    String where = attribute + "=\"" + name + "\" on " + owner.getName() + "#" + guarded.getName();
    TypeDescription returnType = guarded.getReturnType().asErasure();
    boolean found = false;
    for (MethodDescription.InDefinedShape candidate : owner.getDeclaredMethods()) {
      if (!candidate.isMethod() || !candidate.getName().equals(name) || !fits(candidate, params, rejection)) {
        continue;
      }
      TypeDescription candidateReturn = candidate.getReturnType().asErasure();
      if (!returnType.represents(void.class) && !returnType.isAssignableFrom(candidateReturn)) {
        return "Invalid " + where + ": fallback returns " + candidateReturn.getName()
            + ", not assignable to " + returnType.getName();
      }
      if (guarded.isStatic() && !candidate.isStatic()) {
        return "Invalid " + where + ": the guarded method is static, so the fallback must be static";
      }
      found = true;
    }
    return found ? null
        : "Invalid " + where + ": no method " + name + "(" + describe(params)
            + ") (optionally with a trailing Throwable parameter) in " + owner.getName();
  }

  private static boolean fits(MethodDescription candidate, TypeList params, TypeDescription rejection) {
    TypeList own = candidate.getParameters().asTypeList().asErasures();
    if (own.size() == params.size()) {
      return own.equals(params);
    }
    if (own.size() != params.size() + 1 || !own.subList(0, params.size()).equals(params)) {
      return false;
    }
    TypeDescription last = own.get(params.size());
    return last.isAssignableTo(Throwable.class) && last.isAssignableFrom(rejection);
  }

  /** The parameter types as {@code Class.toString()} shows them, comma-separated. */
  private static String describe(TypeList params) {
    StringBuilder text = new StringBuilder();
    for (TypeDescription type : params) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(type.isPrimitive() ? "" : type.isInterface() ? "interface " : "class ").append(type.getName());
    }
    return text.toString();
  }
}
