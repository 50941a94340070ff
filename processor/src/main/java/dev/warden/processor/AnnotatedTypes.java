package dev.warden.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * JavaPoet names of types with their type-use annotations ({@code @Nullable String},
 * {@code String @Nullable []}, {@code List<@Nullable String>}, {@code java.util.@Nullable Map}),
 * which {@link TypeName#get(TypeMirror)} drops. Stateless.
 */
final class AnnotatedTypes {

  private AnnotatedTypes() {}

  static TypeName name(TypeMirror type) {
    TypeName base = switch (type.getKind()) {
      case ARRAY -> ArrayTypeName.of(name(((ArrayType) type).getComponentType()));
      case DECLARED -> declared((DeclaredType) type);
      case WILDCARD -> wildcard((WildcardType) type);
      default -> TypeName.get(type).withoutAnnotations();
    };
    List<AnnotationSpec> annotations = annotations(type);
    return annotations.isEmpty() ? base : base.annotated(annotations);
  }

  /** The type-use annotations on the outermost level of {@code type}. */
  static List<AnnotationSpec> annotations(TypeMirror type) {
    return type.getAnnotationMirrors().stream().map(AnnotationSpec::get).collect(Collectors.toList());
  }

  private static TypeName declared(DeclaredType type) {
    TypeMirror enclosing = type.getEnclosingType();
    if (enclosing.getKind() == TypeKind.DECLARED && !((DeclaredType) enclosing).getTypeArguments().isEmpty()) {
      // An inner class of a parameterized type (Outer<T>.Inner): kept without nested annotations.
      return TypeName.get(type).withoutAnnotations();
    }
    ClassName raw = ClassName.get((TypeElement) type.asElement());
    if (type.getTypeArguments().isEmpty()) {
      return raw;
    }
    return ParameterizedTypeName.get(raw, type.getTypeArguments().stream().map(AnnotatedTypes::name).toArray(TypeName[]::new));
  }

  private static TypeName wildcard(WildcardType type) {
    if (type.getSuperBound() != null) {
      return WildcardTypeName.supertypeOf(name(type.getSuperBound()));
    }
    return WildcardTypeName.subtypeOf(type.getExtendsBound() == null ? ClassName.OBJECT : name(type.getExtendsBound()));
  }
}
