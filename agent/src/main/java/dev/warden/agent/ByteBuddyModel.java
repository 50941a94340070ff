package dev.warden.agent;

import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.MethodShape;
import dev.warden.runtime.rules.TypeModel;
import dev.warden.runtime.rules.TypeOracle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * The shared rules' inputs from Byte Buddy's descriptions of the class being loaded: the agent's
 * adapter to {@code dev.warden.runtime.rules}.
 *
 * <p>Stateless; thread-safe (the oracle is as thread-safe as its type pool).
 */
final class ByteBuddyModel {

  private ByteBuddyModel() {}

  static MethodShape shape(MethodDescription.InDefinedShape method) {
    TypeDescription owner = method.getDeclaringType();
    List<String> parameters = new ArrayList<>();
    for (TypeDescription parameter : method.getParameters().asTypeList().asErasures()) {
      parameters.add(name(parameter));
    }
    return new MethodShape(owner.getName(), method.getName(), parameters, name(method.getReturnType().asErasure()),
        new MethodShape.Flags(method.isStatic(), method.isPublic(), method.isAbstract(), method.isNative(),
            method.isSynchronized(), method.isBridge(), method.isSynthetic(), method.isVarArgs(),
            owner.isInterface(), owner.isAbstract()));
  }

  /** The shapes of the methods (not constructors) declared in {@code type}. */
  static List<MethodShape> declared(TypeDescription type) {
    List<MethodShape> shapes = new ArrayList<>();
    MethodList<MethodDescription.InDefinedShape> methods = type.getDeclaredMethods();
    for (MethodDescription.InDefinedShape method : methods) {
      if (method.isMethod()) {
        shapes.add(shape(method));
      }
    }
    return shapes;
  }

  /** {@code annotation} of {@code kind}, written on {@code where}, as plain data. */
  static GuardDeclaration declaration(AnnotationDescription annotation, GuardKind kind, String where) {
    Map<String, Object> values = new HashMap<>();
    for (MethodDescription.InDefinedShape attribute : annotation.getAnnotationType().getDeclaredMethods()) {
      Object value = annotation.getValue(attribute).resolve();
      if (value instanceof TypeDescription[] types) {
        List<String> names = new ArrayList<>();
        for (TypeDescription type : types) {
          names.add(name(type));
        }
        value = names;
      }
      values.put(attribute.getName(), value);
    }
    return new GuardDeclaration(kind, where, values);
  }

  /** The name as {@code Class.getTypeName()} writes it: binary name, {@code []} for arrays. */
  static String name(TypeDefinition type) {
    return type.isArray() ? name(type.getComponentType()) + "[]" : type.asErasure().getName();
  }

  /** Answers type questions through {@code pool}, without loading any class. */
  static TypeOracle oracle(TypePool pool) {
    return new TypeModel<TypeDescription>() {
      @Override
      protected TypeDescription find(String name) {
        TypePool.Resolution resolution = pool.describe(name);
        return resolution.isResolved() ? resolution.resolve() : null;
      }

      @Override
      protected TypeDescription arrayOf(TypeDescription component) {
        return TypeDescription.ArrayProjection.of(component);
      }

      @Override
      protected boolean isVoid(TypeDescription type) {
        return type.represents(void.class);
      }

      @Override
      protected boolean isPrimitive(TypeDescription type) {
        return type.isPrimitive();
      }

      @Override
      protected boolean isSubtype(TypeDescription from, TypeDescription to) {
        return to.isAssignableFrom(from);
      }

      @Override
      protected boolean isAbstractType(TypeDescription type) {
        return type.isInterface() || type.isAbstract();
      }

      @Override
      protected boolean hasPublicNoArgConstructorType(TypeDescription type) {
        return !type.getDeclaredMethods()
            .filter(ElementMatchers.isConstructor().and(ElementMatchers.isPublic()).and(ElementMatchers.takesArguments(0)))
            .isEmpty();
      }
    };
  }
}
