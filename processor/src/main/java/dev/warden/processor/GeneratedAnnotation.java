package dev.warden.processor;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.RequiresDirective;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Whether a wrapper may carry {@code @javax.annotation.processing.Generated}. The annotation lives
 * in module {@code java.compiler}: code on the class path always sees it, but a named module sees
 * it only if it reads that module ({@code requires [static] java.compiler}, directly or through a
 * {@code requires transitive} such as {@code java.se}'s). Elsewhere the wrapper goes without it
 * rather than asking every modular application to require a compiler module.
 */
final class GeneratedAnnotation {

  private static final String MODULE = "java.compiler";

  private GeneratedAnnotation() {}

  static boolean visibleFrom(Elements elements, TypeElement type) {
    ModuleElement module = elements.getModuleOf(type);
    return module == null || module.isUnnamed() || reads(module, true, new HashSet<>());
  }

  private static boolean reads(ModuleElement module, boolean direct, Set<ModuleElement> seen) {
    for (RequiresDirective requires : ElementFilter.requiresIn(module.getDirectives())) {
      if (!direct && !requires.isTransitive()) {
        continue;
      }
      ModuleElement dependency = requires.getDependency();
      if (dependency.getQualifiedName().contentEquals(MODULE)
          || (seen.add(dependency) && reads(dependency, false, seen))) {
        return true;
      }
    }
    return false;
  }
}
