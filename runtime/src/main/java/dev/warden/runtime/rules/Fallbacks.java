package dev.warden.runtime.rules;

import dev.warden.runtime.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fallback resolution: {@code fallback = "m"} names a method {@code m} declared in the guarded
 * method's type with the same (erased) parameter types, optionally plus one trailing parameter
 * of a {@code Throwable} type that accepts the guard's rejection (and then receives it). Every such
 * method must return a type assignable to the guarded method's (anything, for {@code void}) and
 * be static if the guarded method is. Bridge and other synthetic methods are never candidates.
 * Without a trailing parameter is preferred; among trailing parameters, the most specific type.
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class Fallbacks {

  private static final String THROWABLE = Throwable.class.getName();

  private Fallbacks() {}

  /**
   * The fallback of {@code declaration} for {@code guarded}, or {@code null} if it names none.
   *
   * @param declaration the guard's declaration, with overrides applied
   * @param guarded the guarded method
   * @param declared the methods declared in {@code guarded}'s type
   * @param oracle answers questions about the types involved
   * @return the chosen fallback method, or {@code null}
   * @throws ConfigurationException naming the attribute, the method and what does not fit
   */
  public static MethodShape resolve(
      GuardDeclaration declaration, MethodShape guarded, List<MethodShape> declared, TypeOracle oracle) {
    if (declaration.fallback().isEmpty()) {
      return null;
    }
    String rejection = declaration.kind().rejection().getName();
    List<MethodShape> fitting = new ArrayList<>();
    for (MethodShape candidate : declared) {
      if (candidate.name().equals(declaration.fallback()) && !candidate.flags().isBridge()
          && !candidate.flags().isSynthetic() && fitsParameters(candidate, guarded, rejection, oracle)) {
        fitting.add(candidate);
      }
    }
    if (fitting.isEmpty()) {
      throw Messages.noFallback(declaration, guarded);
    }
    MethodShape best = null;
    for (MethodShape candidate : fitting) {
      if (!guarded.returnType().equals("void") && !oracle.isAssignable(candidate.returnType(), guarded.returnType())) {
        throw Messages.fallbackReturn(declaration, guarded, candidate);
      }
      if (guarded.flags().isStatic() && !candidate.flags().isStatic()) {
        throw Messages.fallbackNotStatic(declaration, guarded);
      }
      if (best == null || preferred(candidate, best, guarded, oracle)) {
        best = candidate;
      }
    }
    return best;
  }

  /**
   * Whether {@code fallback} of {@code guarded} takes the rejection as its last argument.
   *
   * @param fallback the resolved fallback
   * @param guarded the guarded method
   * @return {@code true} if it has the trailing rejection parameter
   */
  public static boolean takesRejection(MethodShape fallback, MethodShape guarded) {
    return fallback.parameterTypes().size() > guarded.parameterTypes().size();
  }

  /**
   * The error for a resolved fallback that the runtime cannot call.
   *
   * @param declaration the guard's declaration
   * @param guarded the guarded method
   * @param detail why the fallback cannot be called
   * @return the error, to be thrown by the caller
   */
  public static ConfigurationException inaccessible(GuardDeclaration declaration, MethodShape guarded, String detail) {
    return Messages.fallbackInaccessible(declaration, guarded, detail);
  }

  private static boolean fitsParameters(MethodShape candidate, MethodShape guarded, String rejection, TypeOracle oracle) {
    List<String> own = candidate.parameterTypes();
    List<String> params = guarded.parameterTypes();
    if (own.size() == params.size()) {
      return own.equals(params);
    }
    if (own.size() != params.size() + 1 || !own.subList(0, params.size()).equals(params)) {
      return false;
    }
    String last = own.get(params.size());
    return oracle.isAssignable(last, THROWABLE) && oracle.isAssignable(rejection, last);
  }

  private static boolean preferred(MethodShape candidate, MethodShape best, MethodShape guarded, TypeOracle oracle) {
    if (!takesRejection(best, guarded)) {
      return false;
    }
    if (!takesRejection(candidate, guarded)) {
      return true;
    }
    String mine = candidate.parameterTypes().get(guarded.parameterTypes().size());
    String theirs = best.parameterTypes().get(guarded.parameterTypes().size());
    return !mine.equals(theirs) && oracle.isAssignable(mine, theirs);
  }
}
