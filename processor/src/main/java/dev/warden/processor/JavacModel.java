package dev.warden.processor;

import dev.warden.runtime.rules.GuardDeclaration;
import dev.warden.runtime.rules.GuardKind;
import dev.warden.runtime.rules.MethodShape;
import dev.warden.runtime.rules.TypeModel;
import dev.warden.runtime.rules.TypeOracle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The shared rules' inputs from {@code javax.lang.model}: the processor's adapter to {@code
 * dev.warden.runtime.rules}. Type names are erased binary names, as at run time.
 *
 * <p>Lives for one round; not thread-safe.
 */
final class JavacModel {

  private final Elements elements;
  private final Types types;
  private final Map<String, TypeMirror> named = new HashMap<>();

  JavacModel(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  MethodShape shape(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    List<String> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(name(parameter.asType()));
    }
    Set<Modifier> m = method.getModifiers();
    return new MethodShape(binary(owner), method.getSimpleName().toString(), parameters, name(method.getReturnType()),
        new MethodShape.Flags(m.contains(Modifier.STATIC), m.contains(Modifier.PUBLIC), m.contains(Modifier.ABSTRACT),
            m.contains(Modifier.NATIVE), m.contains(Modifier.SYNCHRONIZED), false,
            elements.getOrigin(method) != Elements.Origin.EXPLICIT, method.isVarArgs(),
            owner.getKind().isInterface(),
            owner.getKind().isInterface() || owner.getModifiers().contains(Modifier.ABSTRACT)));
  }

  /** The shapes of the methods declared in {@code type}. */
  List<MethodShape> declared(TypeElement type) {
    List<MethodShape> shapes = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      shapes.add(shape(method));
    }
    return shapes;
  }

  /** {@code mirror} of {@code kind}, written on {@code owner}, as plain data (defaults included). */
  GuardDeclaration declaration(AnnotationMirror mirror, GuardKind kind, Element owner) {
    Map<String, Object> values = new HashMap<>();
    for (var entry : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      Object value = unwrap(entry.getValue().getValue());
      if (value != null) { // an unresolvable value: reported by the processor before any rule reads it
        values.put(entry.getKey().getSimpleName().toString(), value);
      }
    }
    String where = owner instanceof ExecutableElement method
        ? binary((TypeElement) method.getEnclosingElement()) + "#" + method.getSimpleName()
        : binary((TypeElement) owner);
    return new GuardDeclaration(kind, where, values);
  }

  private Object unwrap(Object value) {
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(item instanceof AnnotationValue annotationValue ? unwrap(annotationValue.getValue()) : item);
      }
      return out;
    }
    return value instanceof TypeMirror type ? name(type) : value;
  }

  /** The erased type's name as {@code Class.getTypeName()} writes it. */
  String name(TypeMirror type) {
    TypeMirror erased = type.getKind() == TypeKind.TYPEVAR || type.getKind() == TypeKind.INTERSECTION
        ? types.erasure(type) : type;
    String name = switch (erased.getKind()) {
      case ARRAY -> name(((ArrayType) erased).getComponentType()) + "[]";
      case DECLARED -> binary((TypeElement) ((DeclaredType) erased).asElement());
      default -> types.erasure(erased).toString();
    };
    named.putIfAbsent(name, erased);
    return name;
  }

  private String binary(TypeElement type) {
    return elements.getBinaryName(type).toString();
  }

  /** Answers type questions with the compiler's model. */
  TypeOracle oracle() {
    return new TypeModel<TypeMirror>() {
      @Override
      protected TypeMirror find(String name) {
        TypeMirror known = named.get(name);
        if (known != null) {
          return known;
        }
        for (TypeKind kind : TypeKind.values()) {
          if ((kind.isPrimitive() || kind == TypeKind.VOID) && kind.name().toLowerCase(Locale.ROOT).equals(name)) {
            return kind == TypeKind.VOID ? types.getNoType(kind) : types.getPrimitiveType(kind);
          }
        }
        TypeElement type = elements.getTypeElement(name.replace('$', '.'));
        return type == null ? null : types.erasure(type.asType());
      }

      @Override
      protected TypeMirror arrayOf(TypeMirror component) {
        return types.getArrayType(component);
      }

      @Override
      protected boolean isVoid(TypeMirror type) {
        return type.getKind() == TypeKind.VOID;
      }

      @Override
      protected boolean isPrimitive(TypeMirror type) {
        return type.getKind().isPrimitive();
      }

      @Override
      protected boolean isSubtype(TypeMirror from, TypeMirror to) {
        return types.isSubtype(types.erasure(from), types.erasure(to));
      }

      @Override
      protected boolean isAbstractType(TypeMirror type) {
        Element element = types.asElement(type);
        return element != null
            && (element.getKind().isInterface() || element.getModifiers().contains(Modifier.ABSTRACT));
      }

      @Override
      protected boolean hasPublicNoArgConstructorType(TypeMirror type) {
        Element element = types.asElement(type);
        if (element == null) {
          return false;
        }
        for (ExecutableElement constructor : ElementFilter.constructorsIn(element.getEnclosedElements())) {
          if (constructor.getModifiers().contains(Modifier.PUBLIC) && constructor.getParameters().isEmpty()) {
            return true;
          }
        }
        return false;
      }
    };
  }
}
