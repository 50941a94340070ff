package dev.warden.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.lang.annotation.ElementType;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Copies a method's or constructor's signature for an override: visibility, type parameters
 * (with bounds), parameters with their declaration and type-use annotations (JavaPoet's {@code
 * overriding} drops them), varargs, throws, {@code @Deprecated}; and adds the {@code
 * @SuppressWarnings} the copy needs to compile warning-free under {@code -Xlint:all}: those in
 * force at the original, and those its own constructs need.
 */
final class Signatures {

  private static final String WARDEN_PACKAGE = "dev.warden.annotations.";

  private Signatures() {}

  /** A builder with {@code element}'s signature as seen through {@code type}; {@code suppress} collects needed suppressions. */
  static MethodSpec.Builder copy(
      MethodSpec.Builder builder, ExecutableElement element, ExecutableType type, boolean forcePublic, Set<String> suppress) {
    Set<Modifier> modifiers = element.getModifiers();
    if (forcePublic || modifiers.contains(Modifier.PUBLIC)) {
      builder.addModifiers(Modifier.PUBLIC);
    } else if (modifiers.contains(Modifier.PROTECTED)) {
      builder.addModifiers(Modifier.PROTECTED);
    }
    for (TypeVariable variable : type.getTypeVariables()) {
      builder.addTypeVariable(typeVariable(variable));
    }
    List<? extends VariableElement> parameters = element.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      TypeMirror parameterType = type.getParameterTypes().get(i);
      VariableElement parameter = parameters.get(i);
      TypeName name = AnnotatedTypes.name(parameterType);
      if (!name.isAnnotated()) {
        // Seen through a subtype, a type variable is substituted and loses the annotations written on it.
        name = name.annotated(AnnotatedTypes.annotations(parameter.asType()));
      }
      builder.addParameter(ParameterSpec.builder(name, parameter.getSimpleName().toString())
          .addAnnotations(parameterAnnotations(parameter, name))
          .build());
      if (hasRawType(parameterType)) {
        suppress.add("rawtypes");
      }
    }
    if (element.isVarArgs()) {
      builder.varargs();
      TypeMirror last = type.getParameterTypes().get(parameters.size() - 1);
      if (!isReifiable(((ArrayType) last).getComponentType())) {
        suppress.add("unchecked");
        suppress.add("varargs");
      }
    }
    for (TypeMirror thrown : type.getThrownTypes()) {
      builder.addException(TypeName.get(thrown));
    }
    if (hasRawType(type.getReturnType())) {
      suppress.add("rawtypes");
    }
    deprecation(element, builder::addAnnotation, suppress);
    suppress.addAll(carriedSuppressions(element));
    deprecatedUses(type, suppress);
    return builder;
  }

  /**
   * The {@code @SuppressWarnings} names in force where {@code element} is declared: its own and
   * those of its enclosing types. The copy mentions the same types, so it needs the same ones.
   */
  static Set<String> carriedSuppressions(Element element) {
    Set<String> names = new TreeSet<>();
    for (Element e = element; e instanceof ExecutableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
      SuppressWarnings annotation = e.getAnnotation(SuppressWarnings.class);
      if (annotation != null) {
        names.addAll(Arrays.asList(annotation.value()));
      }
    }
    return names;
  }

  /**
   * Adds {@code deprecation} (or {@code removal}) if the signature mentions a deprecated type:
   * the original may use it warning-free (same outermost class, deprecated context), the copy in
   * another top-level class does not.
   */
  static void deprecatedUses(ExecutableType type, Set<String> suppress) {
    TypeWalk.find(type, declared -> suppressIfDeprecated(declared, suppress));
  }

  /** As {@link #deprecatedUses(ExecutableType, Set)}, for one type. */
  static void deprecatedUses(TypeMirror type, Set<String> suppress) {
    TypeWalk.find(type, declared -> suppressIfDeprecated(declared, suppress));
  }

  /** Adds the suppression {@code declared} (or a type enclosing it) needs if deprecated; always false (visit all). */
  private static boolean suppressIfDeprecated(DeclaredType declared, Set<String> suppress) {
    for (Element e = declared.asElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
      Deprecated deprecated = e.getAnnotation(Deprecated.class);
      if (deprecated != null) {
        suppress.add(deprecated.forRemoval() ? "removal" : "deprecation");
      }
    }
    return false;
  }

  /**
   * The declaration of {@code variable} with its bounds as seen through the member type (JavaPoet
   * reads them from the element, where an inherited method's bounds may name the supertype's
   * type parameters).
   */
  static TypeVariableName typeVariable(TypeVariable variable) {
    TypeMirror upper = variable.getUpperBound();
    List<? extends TypeMirror> bounds = upper instanceof IntersectionType intersection
        ? intersection.getBounds() : List.of(upper);
    List<TypeName> names = bounds.stream().map(TypeName::get)
        .filter(bound -> !bound.equals(ClassName.OBJECT)).collect(Collectors.toList());
    return TypeVariableName.get(variable.asElement().getSimpleName().toString()).withBounds(names);
  }

  /** Adds {@code @SuppressWarnings} for the collected names, if any. */
  static void suppress(MethodSpec.Builder builder, Set<String> names) {
    AnnotationSpec annotation = suppressWarnings(names);
    if (annotation != null) {
      builder.addAnnotation(annotation);
    }
  }

  static AnnotationSpec suppressWarnings(Set<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    AnnotationSpec.Builder builder = AnnotationSpec.builder(SuppressWarnings.class);
    for (String name : new TreeSet<>(names)) {
      builder.addMember("value", "$S", name);
    }
    return builder.build();
  }

  /** Copies {@code @Deprecated} (with its values); a {@code forRemoval} one also needs {@code removal} suppressed. */
  static void deprecation(Element element, java.util.function.Consumer<AnnotationSpec> sink, Set<String> suppress) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (qualifiedName(mirror).equals(Deprecated.class.getName())) {
        sink.accept(AnnotationSpec.get(mirror));
        if (mirror.getElementValues().entrySet().stream().anyMatch(
            e -> e.getKey().getSimpleName().contentEquals("forRemoval") && Boolean.TRUE.equals(e.getValue().getValue()))) {
          suppress.add("removal");
        }
      }
    }
  }

  /**
   * The parameter's declaration annotations, except Warden's own and those its type already
   * carries as type-use annotations (an annotation applicable to both is written once).
   */
  static List<AnnotationSpec> parameterAnnotations(VariableElement parameter, TypeName type) {
    Set<TypeName> onType = new HashSet<>();
    type.annotations().forEach(a -> onType.add(a.type()));
    return parameter.getAnnotationMirrors().stream()
        .filter(m -> !qualifiedName(m).startsWith(WARDEN_PACKAGE))
        .filter(m -> !onType.contains(ClassName.get((TypeElement) m.getAnnotationType().asElement())))
        .filter(Signatures::appliesToParameters)
        .map(AnnotationSpec::get)
        .collect(Collectors.toList());
  }

  /** The arguments {@code a, b, c} forwarding {@code element}'s parameters. */
  static CodeBlock arguments(ExecutableElement element) {
    return CodeBlock.of("$L", element.getParameters().stream()
        .map(p -> p.getSimpleName().toString()).collect(Collectors.joining(", ")));
  }

  /** Whether a cast to {@code type} is checked at run time (JLS 4.7). */
  static boolean isReifiable(TypeMirror type) {
    return switch (type.getKind()) {
      case ARRAY -> isReifiable(((ArrayType) type).getComponentType());
      case DECLARED -> ((DeclaredType) type).getTypeArguments().stream().allMatch(Signatures::isUnboundedWildcard)
          && (((DeclaredType) type).getEnclosingType().getKind() != TypeKind.DECLARED
              || isReifiable(((DeclaredType) type).getEnclosingType()));
      case TYPEVAR, INTERSECTION, UNION, WILDCARD -> false;
      default -> true;
    };
  }

  private static boolean isUnboundedWildcard(TypeMirror type) {
    return type instanceof WildcardType w && w.getExtendsBound() == null && w.getSuperBound() == null;
  }

  private static boolean hasRawType(TypeMirror type) {
    if (type instanceof ArrayType array) {
      return hasRawType(array.getComponentType());
    }
    if (type instanceof DeclaredType declared) {
      TypeElement element = (TypeElement) declared.asElement();
      if (declared.getTypeArguments().isEmpty() && !element.getTypeParameters().isEmpty()) {
        return true;
      }
      return declared.getTypeArguments().stream().anyMatch(Signatures::hasRawType);
    }
    if (type instanceof WildcardType wildcard) {
      return (wildcard.getExtendsBound() != null && hasRawType(wildcard.getExtendsBound()))
          || (wildcard.getSuperBound() != null && hasRawType(wildcard.getSuperBound()));
    }
    return false;
  }

  private static boolean appliesToParameters(AnnotationMirror mirror) {
    Target target = mirror.getAnnotationType().asElement().getAnnotation(Target.class);
    return target == null || Arrays.asList(target.value()).contains(ElementType.PARAMETER);
  }

  private static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }
}
