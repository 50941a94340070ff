package dev.warden.runtime.rules;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' inputs from reflection: the runtime's adapter, used when a guard site is created.
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class Reflection {

  private static final Map<String, Class<?>> PRIMITIVES = primitives();

  private Reflection() {}

  /**
   * The shape of {@code method}.
   *
   * @param method a method
   * @return its shape
   */
  public static MethodShape shape(Method method) {
    int m = method.getModifiers();
    Class<?> owner = method.getDeclaringClass();
    List<String> parameters = new ArrayList<>();
    for (Class<?> parameter : method.getParameterTypes()) {
      parameters.add(parameter.getTypeName());
    }
    return new MethodShape(owner.getName(), method.getName(), parameters, method.getReturnType().getTypeName(),
        new MethodShape.Flags(Modifier.isStatic(m), Modifier.isPublic(m), Modifier.isAbstract(m), Modifier.isNative(m),
            Modifier.isSynchronized(m), method.isBridge(), method.isSynthetic(), method.isVarArgs(),
            owner.isInterface(), Modifier.isAbstract(owner.getModifiers())));
  }

  /**
   * The declarations that apply to {@code method}: its own, else its type's (see {@link TypeLevel}).
   *
   * @param method a method
   * @return the applicable declaration per kind; empty if none
   */
  public static Map<GuardKind, GuardDeclaration> applicable(Method method) {
    MethodShape shape = shape(method);
    Class<?> owner = method.getDeclaringClass();
    Map<GuardKind, GuardDeclaration> applicable = new EnumMap<>(GuardKind.class);
    for (GuardKind kind : GuardKind.values()) {
      GuardDeclaration chosen = TypeLevel.choose(
          declaration(method, kind, shape.display()), declaration(owner, kind, owner.getName()), shape);
      if (chosen != null) {
        applicable.put(kind, chosen);
      }
    }
    return applicable;
  }

  private static GuardDeclaration declaration(AnnotatedElement element, GuardKind kind, String where) {
    Annotation annotation = annotation(element, kind.annotation());
    return annotation == null ? null : declaration(annotation, kind, where);
  }

  /**
   * {@code element}'s annotation of {@code type}, or of a type of the same name: the java agent's
   * copy of the runtime (a bootstrap class) reads classes of a named application module, whose
   * annotations are that module path's copy of {@code dev.warden.annotations}.
   */
  private static Annotation annotation(AnnotatedElement element, Class<? extends Annotation> type) {
    Annotation annotation = element.getDeclaredAnnotation(type);
    if (annotation != null) {
      return annotation;
    }
    for (Annotation each : element.getDeclaredAnnotations()) {
      if (each.annotationType().getName().equals(type.getName())) {
        return each;
      }
    }
    return null;
  }

  /**
   * {@code annotation} of {@code kind}, written on {@code where}, as plain data.
   *
   * @param annotation a Warden annotation
   * @param kind its kind
   * @param where the element it is written on
   * @return its declaration, every attribute included
   */
  public static GuardDeclaration declaration(Annotation annotation, GuardKind kind, String where) {
    Map<String, Object> values = new HashMap<>();
    for (Method attribute : annotation.annotationType().getDeclaredMethods()) {
      Object value;
      try {
        value = attribute.invoke(annotation);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot read " + kind.display() + "." + attribute.getName(), e);
      }
      values.put(attribute.getName(), value instanceof Class<?>[] types ? typeNames(types) : value);
    }
    return new GuardDeclaration(kind, where, values);
  }

  /** The value of a class-array attribute as the rules hold it: the type names. */
  static List<String> typeNames(Class<?>[] types) {
    List<String> names = new ArrayList<>();
    for (Class<?> type : types) {
      names.add(type.getTypeName());
    }
    return names;
  }

  /**
   * The type named {@code name} (as {@link Class#getTypeName()} writes it) seen from {@code loader}.
   *
   * @param name a type name
   * @param loader the class loader to ask
   * @return the type, or {@code null} if it cannot be found
   */
  public static Class<?> type(String name, ClassLoader loader) {
    return new Loaded(loader).type(name);
  }

  /**
   * Answers type questions by loading (not initializing) classes through {@code loader}.
   *
   * @param loader the class loader to ask
   * @return an oracle over that loader's classes
   */
  public static TypeOracle oracle(ClassLoader loader) {
    return new Loaded(loader);
  }

  /** Classes as a loader sees them. */
  private static final class Loaded extends TypeModel<Class<?>> {
    private final ClassLoader loader;

    Loaded(ClassLoader loader) {
      this.loader = loader;
    }

    @Override
    protected Class<?> find(String name) {
      Class<?> primitive = PRIMITIVES.get(name);
      if (primitive != null) {
        return primitive;
      }
      try {
        return Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        return null;
      }
    }

    @Override
    protected Class<?> arrayOf(Class<?> component) {
      return component.arrayType();
    }

    @Override
    protected boolean isVoid(Class<?> type) {
      return type == void.class;
    }

    @Override
    protected boolean isPrimitive(Class<?> type) {
      return type.isPrimitive();
    }

    @Override
    protected boolean isSubtype(Class<?> from, Class<?> to) {
      return to.isAssignableFrom(from);
    }

    @Override
    protected boolean isAbstractType(Class<?> type) {
      return type.isInterface() || Modifier.isAbstract(type.getModifiers());
    }

    @Override
    protected boolean hasPublicNoArgConstructorType(Class<?> type) {
      try {
        return type.getConstructor() != null;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  }

  private static Map<String, Class<?>> primitives() {
    Map<String, Class<?>> map = new HashMap<>();
    for (Class<?> c : List.of(boolean.class, byte.class, char.class, short.class, int.class, long.class,
        float.class, double.class, void.class)) {
      map.put(c.getName(), c);
    }
    return Map.copyOf(map);
  }
}
