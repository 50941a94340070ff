package dev.warden.agent;

import dev.warden.runtime.internal.GuardSite;
import dev.warden.runtime.internal.WovenSites;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves one class file: finds its guarded methods (and their configuration problems), registers
 * each with {@link WovenSites} and
 * inlines {@link GuardAdvice} around its body with the site bound by {@link SiteLoad}. The class is
 * decorated in place (no member is added or changed, so no class-format change) or, on any
 * error, left exactly as it was.
 *
 * <p>Thread-safe: every call works on its own type pool.
 */
final class Weaver {

  private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);
  private final ClassFileLocator agentClasses;
  private final TypeDescription enter = TypeDescription.ForLoadedType.of(GuardAdvice.Enter.class);
  private final TypeDescription exitWithValue = TypeDescription.ForLoadedType.of(GuardAdvice.ExitWithValue.class);
  private final TypeDescription exitWithoutValue = TypeDescription.ForLoadedType.of(GuardAdvice.ExitWithoutValue.class);

  /**
   * @param agentClasses locates the advice's bytecode and, for class loaders that cannot see them
   *     as resources, the annotation types
   */
  Weaver(ClassFileLocator agentClasses) {
    this.agentClasses = agentClasses;
  }

  /**
   * The woven class file of {@code className}, or {@code null} if it has no guarded method.
   *
   * @param guarded receives the guarded methods as soon as they are found (also when weaving then fails)
   * @throws RuntimeException or {@link LinkageError} if weaving fails
   */
  byte[] weave(ClassLoader loader, String className, byte[] classFile, List<GuardedMethod> guarded) {
    ClassFileLocator locator = new ClassFileLocator.Compound(
        ClassFileLocator.Simple.of(className, classFile),
        ClassFileLocator.ForClassLoader.of(loader),
        agentClasses);
    TypePool pool = new TypePool.Default(
        new TypePool.CacheProvider.Simple(), locator, TypePool.Default.ReaderMode.FAST);
    TypeDescription type = pool.describe(className).resolve();
    List<GuardedMethod> methods = GuardedMethods.of(type, pool, loader);
    if (methods.isEmpty()) {
      return null;
    }
    guarded.addAll(methods);
    DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
    for (GuardedMethod method : methods) {
      int id = WovenSites.register(className, method.method().getName(), method.method().getDescriptor());
      Advice advice = Advice.withCustomMapping()
          .bind(Site.class, SiteLoad.of(id, type, classFile), GuardSite.class)
          .to(enter, method.returnsReference() ? exitWithValue : exitWithoutValue, agentClasses);
      builder = builder.visit(advice.on(ElementMatchers.is(method.method())));
    }
    return builder.make(pool).getBytes();
  }
}
