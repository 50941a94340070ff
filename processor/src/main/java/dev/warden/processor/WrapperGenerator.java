package dev.warden.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.site.GuardSite;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Generates the {@code Guarded…} wrapper of one type: a subclass of a class, or a
 * delegating implementation of an interface, whose guarded methods follow the {@link GuardSite}
 * protocol around the original body. Each site is resolved once, in a static final field.
 */
final class WrapperGenerator {

  static final String PROCESSOR = "dev.warden.processor.WardenProcessor";

  private final Elements elements;
  private final Types types;

  WrapperGenerator(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  JavaFile generate(TypeElement type, List<GuardedMethod> guarded) {
    ClassName name = Names.wrapper(type);
    boolean isInterface = type.getKind().isInterface();
    TypeSpec.Builder spec = TypeSpec.classBuilder(name)
        .addOriginatingElement(type)
        // The wrapper inherits the member types of the type and its supertypes: where one shares a
        // simple name with a type the wrapper uses (an import, or java.lang), name that type in full.
        .avoidClashesWithNestedClasses(type)
        .addJavadoc("Guarded wrapper of {@link $T}: its guarded methods call the Warden runtime around the $L.\n"
            + "<p>Thread-safe if the wrapped $L is.\n", ClassName.get(type),
            isInterface ? "delegate" : "original body", isInterface ? "delegate" : "class");
    if (GeneratedAnnotation.visibleFrom(elements, type)) {
      spec.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", PROCESSOR).build());
    }
    if (isPublic(type)) {
      spec.addModifiers(Modifier.PUBLIC);
    }
    if (!isInterface && type.getModifiers().contains(Modifier.ABSTRACT)) {
      spec.addModifiers(Modifier.ABSTRACT);
    }
    Set<String> typeSuppressions = new HashSet<>();
    Signatures.deprecation(type, spec::addAnnotation, typeSuppressions);
    AnnotationSpec typeSuppress = Signatures.suppressWarnings(typeSuppressions);
    if (typeSuppress != null) {
      spec.addAnnotation(typeSuppress);
    }
    for (TypeParameterElement parameter : type.getTypeParameters()) {
      spec.addTypeVariable(TypeVariableName.get(parameter));
    }
    TypeName wrapped = TypeName.get(type.asType());
    if (isInterface) {
      spec.addSuperinterface(wrapped);
    } else {
      spec.superclass(wrapped);
    }
    if (types.isAssignable(types.erasure(type.asType()), elements.getTypeElement(Serializable.class.getName()).asType())) {
      spec.addField(FieldSpec.builder(long.class, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("1L").build());
    }

    List<String> sites = new ArrayList<>();
    for (int i = 0; i < guarded.size(); i++) {
      ExecutableElement method = guarded.get(i).method();
      String site = method.getSimpleName().toString().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)
          + "_" + i;
      sites.add(site);
      spec.addField(siteField(method, site));
    }

    CodeBlock target;
    if (isInterface) {
      spec.addField(FieldSpec.builder(wrapped, "delegate", Modifier.PRIVATE, Modifier.FINAL).build());
      spec.addMethod(MethodSpec.constructorBuilder()
          .addModifiers(Modifier.PUBLIC)
          .addJavadoc("Wraps {@code delegate}, to which every call is forwarded.\n")
          .addParameter(wrapped, "delegate")
          .addStatement("this.delegate = $T.requireNonNull(delegate, $S)", Objects.class, "delegate")
          .build());
      target = CodeBlock.of("this.delegate");
    } else {
      for (ExecutableElement constructor : Wrappability.accessibleConstructors(type)) {
        spec.addMethod(constructor(constructor));
      }
      target = CodeBlock.of("this");
    }

    DeclaredType asMember = (DeclaredType) type.asType();
    for (int i = 0; i < guarded.size(); i++) {
      ExecutableElement method = guarded.get(i).method();
      spec.addMethod(new GuardedOverride(method, (ExecutableType) types.asMemberOf(asMember, method), isInterface,
          guarded.get(i).retries(), sites.get(i), target).build());
    }
    if (isInterface) {
      for (ExecutableElement method : toDelegate(type, guarded)) {
        spec.addMethod(delegation(method, (ExecutableType) types.asMemberOf(asMember, method)));
      }
    }
    return JavaFile.builder(name.packageName(), spec.build()).skipJavaLangImports(true).build();
  }

  /**
   * The method's site, resolved against the class declaring it (a superclass for an inherited
   * method), with the suppressions its class literals need (those of the method's signature).
   */
  private FieldSpec siteField(ExecutableElement method, String site) {
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    FieldSpec.Builder field = FieldSpec.builder(GuardSite.class, site, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(siteInitializer(declaring, method));
    Set<String> suppress = Signatures.carriedSuppressions(method);
    Signatures.deprecatedUses((ExecutableType) method.asType(), suppress);
    Signatures.deprecatedUses(declaring.asType(), suppress);
    if (method.getAnnotation(Deprecated.class) != null) {
      suppress.add("deprecation");
    }
    AnnotationSpec annotation = Signatures.suppressWarnings(suppress);
    if (annotation != null) {
      field.addAnnotation(annotation);
    }
    return field.build();
  }

  private CodeBlock siteInitializer(TypeElement declaring, ExecutableElement method) {
    CodeBlock.Builder code = CodeBlock.builder()
        .add("$T.forGeneratedOverride($T.lookup(), $T.class, $S", GuardSite.class, MethodHandles.class,
            ClassName.get(declaring), method.getSimpleName());
    for (var parameter : method.getParameters()) {
      code.add(", $T.class", TypeName.get(types.erasure(parameter.asType())));
    }
    return code.add(")").build();
  }

  private MethodSpec constructor(ExecutableElement constructor) {
    Set<String> suppress = new HashSet<>();
    MethodSpec.Builder builder = Signatures.copy(MethodSpec.constructorBuilder(), constructor,
        (ExecutableType) constructor.asType(), false, suppress);
    builder.addStatement("super($L)", Signatures.arguments(constructor));
    Signatures.suppress(builder, suppress);
    return builder.build();
  }

  /** Abstract and default methods of the interface (declared or inherited) that are not guarded here. */
  private List<ExecutableElement> toDelegate(TypeElement type, List<GuardedMethod> guarded) {
    Set<ExecutableElement> guardedMethods = new HashSet<>();
    guarded.forEach(g -> guardedMethods.add(g.method()));
    List<ExecutableElement> candidates = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Element owner = method.getEnclosingElement();
      Set<Modifier> modifiers = method.getModifiers();
      if (owner.getKind().isInterface() && !guardedMethods.contains(method)
          && (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.DEFAULT))) {
        candidates.add(method);
      }
    }
    List<ExecutableElement> result = new ArrayList<>();
    for (ExecutableElement method : candidates) {
      boolean overridden = false;
      for (ExecutableElement other : candidates) {
        overridden |= other != method && elements.overrides(other, method, type);
      }
      for (ExecutableElement g : guardedMethods) {
        overridden |= elements.overrides(g, method, type);
      }
      if (!overridden) {
        result.add(method);
      }
    }
    return onePerSignature(type, result, guardedMethods);
  }

  /**
   * Unrelated superinterfaces may declare the same method: keeps one per signature (the one with
   * the most specific return type) and none where a guarded method has that signature.
   */
  private List<ExecutableElement> onePerSignature(
      TypeElement type, List<ExecutableElement> methods, Set<ExecutableElement> guarded) {
    DeclaredType asMember = (DeclaredType) type.asType();
    List<ExecutableElement> kept = new ArrayList<>();
    next:
    for (ExecutableElement method : methods) {
      ExecutableType signature = (ExecutableType) types.asMemberOf(asMember, method);
      for (ExecutableElement g : guarded) {
        if (sameSignature(method, signature, g, (ExecutableType) types.asMemberOf(asMember, g))) {
          continue next;
        }
      }
      for (int i = 0; i < kept.size(); i++) {
        ExecutableType other = (ExecutableType) types.asMemberOf(asMember, kept.get(i));
        if (sameSignature(method, signature, kept.get(i), other)) {
          if (types.isSubtype(signature.getReturnType(), other.getReturnType())) {
            kept.set(i, method);
          }
          continue next;
        }
      }
      kept.add(method);
    }
    return kept;
  }

  /** Whether {@code a} and {@code b}, seen through the wrapped type as {@code aType} and {@code bType}, have one signature. */
  private boolean sameSignature(ExecutableElement a, ExecutableType aType, ExecutableElement b, ExecutableType bType) {
    return a.getSimpleName().equals(b.getSimpleName())
        && (types.isSubsignature(aType, bType) || types.isSubsignature(bType, aType));
  }

  private MethodSpec delegation(ExecutableElement method, ExecutableType type) {
    Set<String> suppress = new HashSet<>();
    MethodSpec.Builder builder = Signatures.copy(
        MethodSpec.methodBuilder(method.getSimpleName().toString()).addAnnotation(Override.class),
        method, type, true, suppress);
    builder.returns(AnnotatedTypes.name(type.getReturnType()));
    CodeBlock call = CodeBlock.of("this.delegate.$L($L)", method.getSimpleName(), Signatures.arguments(method));
    if (type.getReturnType().getKind() == TypeKind.VOID) {
      builder.addStatement(call);
    } else {
      builder.addStatement("return $L", call);
    }
    Signatures.suppress(builder, suppress);
    return builder.build();
  }

  private static boolean isPublic(TypeElement type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /**
   * One guarded override: "ask the site, run the body, tell the site". With {@code @Retry} the
   * body runs in a loop: a failed attempt goes to {@code retry}, which returns the next attempt's
   * permit (handled as the one {@code enter()} returned) or throws the call's last failure.
   */
  private static final class GuardedOverride {
    private final ExecutableElement method;
    private final ExecutableType type;
    private final boolean isInterface;
    private final boolean retries;
    private final String site;
    private final CodeBlock target;

    GuardedOverride(
        ExecutableElement method, ExecutableType type, boolean isInterface, boolean retries, String site, CodeBlock target) {
      this.method = method;
      this.type = type;
      this.isInterface = isInterface;
      this.retries = retries;
      this.site = site;
      this.target = target;
    }

    MethodSpec build() {
      Set<String> suppress = new HashSet<>();
      MethodSpec.Builder builder = Signatures.copy(
          MethodSpec.methodBuilder(method.getSimpleName().toString()).addAnnotation(Override.class),
          method, type, isInterface, suppress);
      TypeMirror returnType = type.getReturnType();
      boolean isVoid = returnType.getKind() == TypeKind.VOID;
      TypeName returns = TypeName.get(returnType);
      builder.returns(AnnotatedTypes.name(returnType));

      Set<String> taken = new HashSet<>();
      method.getParameters().forEach(p -> taken.add(p.getSimpleName().toString()));
      String permit = fresh("permit", taken);
      String result = fresh("result", taken);
      String failure = fresh("failure", taken);
      // the java agent may have woven a default body, which the delegate or super call may run
      // (directly, from an override or through a proxy): the call is marked as guarded around it
      String outer = method.getModifiers().contains(Modifier.DEFAULT) ? fresh("outer", taken) : null;
      CodeBlock arguments = Signatures.arguments(method);
      CodeBlock call = isInterface
          ? CodeBlock.of("this.delegate.$L($L)", method.getSimpleName(), arguments)
          : CodeBlock.of("super.$L($L)", method.getSimpleName(), arguments);
      CodeBlock rejected = method.getParameters().isEmpty()
          ? CodeBlock.of("$L.rejected($L, $L, null)", site, permit, target)
          : CodeBlock.of("$L.rejected($L, $L, new $T[] {$L})", site, permit, target, Object.class, arguments);

      builder.addStatement("$T $L = $L.enter()", Object.class, permit, site);
      if (retries) {
        builder.beginControlFlow("while (true)");
      }
      builder.beginControlFlow("if ($L instanceof $T)", permit, GuardRejectedException.class);
      if (isVoid) {
        builder.addStatement(rejected).addStatement("return");
      } else if (returns.equals(ClassName.OBJECT)) {
        builder.addStatement("return $L", rejected);
      } else {
        if (!Signatures.isReifiable(returnType)) {
          suppress.add("unchecked");
        }
        builder.addStatement("return ($T) $L", returns, rejected);
      }
      builder.endControlFlow();
      if (!isVoid) {
        builder.addStatement("$T $L", returns, result);
      }
      // nothing runs between enter() and the try: enter() may have taken a bulkhead slot or armed
      // a timeout clock, which only onReturn/onSuccess/onFailure give back
      builder.beginControlFlow("try");
      if (outer != null) {
        // marked inside the try, restored before the site ends the call
        builder.addStatement("$T $L = $L.beginGuardedCall()", Object.class, outer, site);
        builder.beginControlFlow("try");
      }
      if (isVoid) {
        builder.addStatement(call);
      } else {
        builder.addStatement("$L = $L", result, call);
      }
      if (outer != null) {
        builder.nextControlFlow("finally").addStatement("$L.endGuardedCall($L)", site, outer);
        builder.endControlFlow();
      }
      builder.nextControlFlow("catch ($T $L)", Throwable.class, failure);
      if (retries) {
        // the next attempt's permit goes through the rejection check again; the last failure is thrown by retry
        builder.addStatement("$L = $L.retry($L, $L)", permit, site, permit, failure).addStatement("continue");
      } else {
        builder.addStatement("$L.onFailure($L, $L)", site, permit, failure).addStatement("throw $L", failure);
      }
      builder.endControlFlow();
      if (retries) {
        // null: the call succeeded; else an attempt that returned after its @Timeout failed and the next one runs
        builder.addStatement("$L = $L.returned($L)", permit, site, permit);
        builder.beginControlFlow("if ($L == null)", permit);
        builder.addStatement(isVoid ? CodeBlock.of("return") : CodeBlock.of("return $L", result));
        builder.endControlFlow();
        builder.endControlFlow();
      } else if (isVoid) {
        builder.addStatement("$L.onSuccess($L)", site, permit);
      } else {
        builder.addStatement("return $L.onReturn($L, $L)", site, permit, result);
      }
      Signatures.suppress(builder, suppress);
      return builder.build();
    }

    private static String fresh(String base, Set<String> taken) {
      String name = base;
      while (taken.contains(name)) {
        name = name + "_";
      }
      return name;
    }
  }
}
