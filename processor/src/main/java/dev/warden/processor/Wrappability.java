package dev.warden.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides which guarded methods a generated wrapper can override: warns for methods only the
 * agent can guard (private, static, final) and reports an error when the type itself cannot be
 * wrapped (final class, enum, record, sealed, inner or inaccessible class, no accessible
 * constructor, the same method guarded in two superinterfaces, a type its signatures use that
 * the wrapper cannot name).
 */
final class Wrappability {

  private static final List<Modifier> AGENT_ONLY = List.of(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);

  private final Reporter reporter;
  private final Types types;
  private final HiddenTypes hiddenTypes;

  Wrappability(Reporter reporter, Elements elements, Types types) {
    this.reporter = reporter;
    this.types = types;
    this.hiddenTypes = new HiddenTypes(elements, types);
  }

  /** The methods to override; empty if none (then no wrapper is generated). */
  List<GuardedMethod> wrappable(TypeElement type, List<GuardedMethod> guarded, Names names) {
    List<GuardedMethod> result = new ArrayList<>();
    boolean isInterface = type.getKind().isInterface();
    for (GuardedMethod g : guarded) {
      ExecutableElement method = g.method();
      Modifier agentOnly = agentOnly(method);
      String where = names.method(method);
      if (agentOnly != null) {
        reporter.warning(method, g.primary(), where + " is " + agentOnly
            + ": only the Warden agent can guard it; the processor skips it");
      } else if (!isInterface && method.getModifiers().contains(Modifier.ABSTRACT)) {
        reporter.error(g.primary(), null, where
            + " is abstract: a generated subclass has no body to guard; guard the implementing method instead");
      } else {
        result.add(g);
      }
    }
    if (result.isEmpty() || !oneGuardPerSignature(type, result, names)) {
      return List.of();
    }
    String reason = whyNotWrappable(type);
    if (reason != null) {
      Set<Declaration> reported = new HashSet<>();
      for (GuardedMethod g : result) {
        if (reported.add(g.primary())) {
          reporter.error(g.primary(), null, names.method(g.method()) + " is guarded, but "
              + names.binary(type) + " is " + reason
              + ": the processor cannot generate a wrapper for it (guard it with the Warden agent instead)");
        }
      }
      return List.of();
    }
    if (!isInterface && accessibleConstructors(type).isEmpty()) {
      reporter.error(type, names.binary(type)
          + " has guarded methods but no non-private constructor: the processor cannot generate a subclass");
      return List.of();
    }
    List<ExecutableElement> copied = new ArrayList<>();
    result.forEach(g -> copied.add(g.method()));
    if (!isInterface) {
      copied.addAll(accessibleConstructors(type));
    }
    String hidden = hiddenTypes.find(type, copied, names);
    if (hidden != null) {
      reporter.error(type, hidden);
      return List.of();
    }
    return result;
  }

  /**
   * Reports an error, and returns false, if two guarded methods have one signature in {@code
   * type}: the same method guarded in two unrelated superinterfaces, with no declaration in
   * {@code type} to choose between them.
   */
  private boolean oneGuardPerSignature(TypeElement type, List<GuardedMethod> guarded, Names names) {
    DeclaredType asMember = (DeclaredType) type.asType();
    for (int i = 0; i < guarded.size(); i++) {
      ExecutableElement a = guarded.get(i).method();
      for (int j = i + 1; j < guarded.size(); j++) {
        ExecutableElement b = guarded.get(j).method();
        if (a.getSimpleName().equals(b.getSimpleName()) && types.isSubsignature(
            (ExecutableType) types.asMemberOf(asMember, a), (ExecutableType) types.asMemberOf(asMember, b))) {
          List<String> owners = new ArrayList<>(List.of(
              names.owner(a.getEnclosingElement()), names.owner(b.getEnclosingElement())));
          owners.sort(null);
          reporter.error(type, names.binary(type) + " inherits " + a.getSimpleName() + "() guarded in both "
              + owners.get(0) + " and " + owners.get(1) + ": declare it in " + names.binary(type) + " to choose its guards");
          return false;
        }
      }
    }
    return true;
  }

  /** Constructors a same-package subclass can call. */
  static List<ExecutableElement> accessibleConstructors(TypeElement type) {
    List<ExecutableElement> result = new ArrayList<>();
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!c.getModifiers().contains(Modifier.PRIVATE)) {
        result.add(c);
      }
    }
    return result;
  }

  private static Modifier agentOnly(ExecutableElement method) {
    for (Modifier modifier : AGENT_ONLY) {
      if (method.getModifiers().contains(modifier)) {
        return modifier;
      }
    }
    return null;
  }

  private static String whyNotWrappable(TypeElement type) {
    ElementKind kind = type.getKind();
    if (kind == ElementKind.ENUM) {
      return "an enum";
    }
    if (kind == ElementKind.RECORD) {
      return "a record";
    }
    if (kind == ElementKind.ANNOTATION_TYPE) {
      return "an annotation type";
    }
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      return "a local or anonymous class";
    }
    Set<Modifier> modifiers = type.getModifiers();
    if (modifiers.contains(Modifier.FINAL)) {
      return "final";
    }
    if (modifiers.contains(Modifier.SEALED)) {
      return "sealed";
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getKind().isInterface()
        && !modifiers.contains(Modifier.STATIC)) {
      return "an inner (non-static) class";
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return "private or nested in a private type";
      }
    }
    return null;
  }
}
