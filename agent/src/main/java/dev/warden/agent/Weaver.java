package dev.warden.agent;

import dev.warden.runtime.site.GuardSite;
import dev.warden.runtime.site.WovenSites;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.modifier.SynchronizationState;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Transformer.ForMethod;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.SuperMethodCall;
import net.bytebuddy.implementation.bytecode.ByteCodeAppender;
import net.bytebuddy.implementation.bytecode.Removal;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves one class file: finds its guarded methods, annotated or selected by guard entries (and
 * their configuration problems), registers each with {@link WovenSites} and
 * inlines {@link GuardAdvice} around its body with the site bound by {@link SiteLoad}. The class's
 * static initializer loads every site once, so the sites are created (and, in class files of Java
 * 11+, their dynamic constants resolved) when the class is initialized, as the {@code static
 * final} sites of a generated wrapper are: a first call never creates a site, which could block
 * (on the registry, or on a racing first call) inside the JVM's constant resolution, where a
 * blocked virtual thread pins its carrier. A class without a guarded {@code synchronized} method
 * is otherwise unchanged (no member is added or changed). A guarded {@code synchronized} method
 * must not wait for a guard while it holds its monitor, so a class with one is rebased instead:
 * the method's body moves into a synthetic method that keeps the monitor, and the method, no
 * longer {@code synchronized}, guards its call (see {@link SynchronizedBodies}). On any error the
 * class is left exactly as it was. A {@code native} method that carries a guard cannot be woven:
 * it is reported, by name, each time a class declaring one is loaded.
 *
 * <p>Thread-safe: every call works on its own type pool.
 */
final class Weaver {

  private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);
  private final ClassFileLocator agentClasses;
  private final AgentLog log;
  private final TypeDescription enter = TypeDescription.ForLoadedType.of(GuardAdvice.Enter.class);
  private final TypeDescription exitWithValue = TypeDescription.ForLoadedType.of(GuardAdvice.ExitWithValue.class);
  private final TypeDescription exitWithoutValue = TypeDescription.ForLoadedType.of(GuardAdvice.ExitWithoutValue.class);
  private final TypeDescription retrying = TypeDescription.ForLoadedType.of(GuardAdvice.Retrying.class);

  /**
   * @param agentClasses locates the advice's bytecode and, for class loaders that cannot see them
   *     as resources, the annotation types
   * @param log where unguardable native methods are reported
   */
  Weaver(ClassFileLocator agentClasses, AgentLog log) {
    this.agentClasses = agentClasses;
    this.log = log;
  }

  /**
   * The woven class file of {@code className}, or {@code null} if it has no guarded method.
   *
   * @param runtime the copy of the runtime the woven code will call, which registers its methods
   * @param guarded receives the guarded methods as soon as they are found (also when weaving then fails)
   * @param configured the guard entries of the class, or {@code null} if none
   * @throws RuntimeException or {@link LinkageError} if weaving fails
   */
  byte[] weave(ClassLoader loader, RuntimeCopy runtime, String className, byte[] classFile,
      List<GuardedMethod> guarded, ConfiguredClass configured) {
    ClassFileLocator locator = new ClassFileLocator.Compound(
        ClassFileLocator.Simple.of(className, classFile),
        ClassFileLocator.ForClassLoader.of(loader),
        agentClasses);
    TypePool pool = new TypePool.Default(
        new TypePool.CacheProvider.Simple(), locator, TypePool.Default.ReaderMode.FAST);
    TypeDescription type = pool.describe(className).resolve();
    reportNativeMethods(type);
    List<GuardedMethod> methods = GuardedMethods.of(type, pool, loader, configured);
    if (methods.isEmpty()) {
      return null;
    }
    guarded.addAll(methods);
    SynchronizedBodies bodies = new SynchronizedBodies();
    for (GuardedMethod method : methods) {
      if (method.method().isSynchronized()) {
        bodies.add(method.method());
      }
    }
    DynamicType.Builder<?> builder = bodies.isEmpty()
        ? byteBuddy.redefine(type, locator)
        : byteBuddy.rebase(type, locator, SynchronizedBodies.NAMES).visit(bodies);
    List<StackManipulation> initializer = new ArrayList<>();
    for (GuardedMethod method : methods) {
      int id = runtime.register(className, method.method().getName(), method.method().getDescriptor());
      StackManipulation site = SiteLoad.of(id, type, classFile);
      initializer.add(site);
      initializer.add(Removal.SINGLE);
      Advice advice = Advice.withCustomMapping()
          .bind(Site.class, method.method().isDefaultMethod() ? SiteLoad.forDefaultBody(site) : site, GuardSite.class)
          .to(enter, exit(method), agentClasses);
      ElementMatcher<MethodDescription> target = ElementMatchers.is(method.method());
      builder = method.method().isSynchronized()
          ? builder.method(target)
              .intercept(advice.wrap(SuperMethodCall.INSTANCE))
              .transform(ForMethod.withModifiers(SynchronizationState.PLAIN))
          : builder.visit(advice.on(target));
    }
    return builder.initializer(new ByteCodeAppender.Simple(initializer)).make(pool).getBytes();
  }

  /** The exit advice of {@code method}: with or without a value, with the retry loop if {@code @Retry} applies. */
  private TypeDescription exit(GuardedMethod method) {
    if (method.retries()) {
      return retrying;
    }
    return method.returnsReference() ? exitWithValue : exitWithoutValue;
  }

  /** Reports each native method of {@code type} that a Warden annotation would guard: it has no body to weave. */
  private void reportNativeMethods(TypeDescription type) {
    for (MethodDescription.InDefinedShape method : GuardedMethods.nativeGuarded(type)) {
      log.warning("native method " + type.getName() + "#" + method.getName() + method.getDescriptor()
          + " is not guarded: the agent weaves method bodies and a native method has none;"
          + " guard a Java method that calls it instead");
    }
  }
}
