package dev.warden.runtime.site;

import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.rules.AsyncReturn;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Makes the stages a guarded {@code CompletionStage} method hands to its caller in place of its
 * own: failed stages for rejections and new incomplete stages to relay the method's outcome. A
 * guarded method may return {@code CompletionStage}, {@code CompletableFuture}, or a non-abstract
 * subclass of {@code CompletableFuture} with a public no-argument constructor (the rule and its
 * message are {@link AsyncReturn}'s), which is then resolved once, here, and used for every stage
 * the site makes.
 *
 * <p>Immutable; thread-safe.
 */
final class StageFactory {

  /** For methods declared to return {@code CompletionStage} or {@code CompletableFuture}. */
  static final StageFactory PLAIN = new StageFactory(CompletableFuture.class, null);

  private final Class<?> type;
  private final MethodHandle constructor;

  private StageFactory(Class<?> type, MethodHandle constructor) {
    this.type = type;
    this.constructor = constructor;
  }

  /**
   * The factory for a method returning {@code returnType}, or {@code null} if it does not return
   * a {@code CompletionStage}.
   *
   * @param method the method's display name, for the message
   * @param caller the lookup of the class that asked for the site, which can reach a stage type of
   *     its own module whether or not the module exports its package
   * @throws ConfigurationException if {@code returnType} is a stage type Warden cannot produce
   */
  static StageFactory of(String method, Class<?> returnType, MethodHandles.Lookup caller) {
    if (!CompletionStage.class.isAssignableFrom(returnType)) {
      return null;
    }
    if (returnType == CompletionStage.class || returnType == CompletableFuture.class) {
      return PLAIN;
    }
    if (!CompletableFuture.class.isAssignableFrom(returnType) || Modifier.isAbstract(returnType.getModifiers())) {
      throw unsupported(method, returnType);
    }
    Module runtime = StageFactory.class.getModule();
    if (caller.lookupClass().getModule() == runtime) {
      runtime.addReads(returnType.getModule()); // the runtime's own lookup must read the type's module
    }
    try {
      returnType.getConstructor();
      MethodHandle handle = caller.findConstructor(returnType, MethodType.methodType(void.class))
          .asType(MethodType.methodType(CompletableFuture.class));
      return new StageFactory(returnType, handle);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw unsupported(method, returnType);
    }
  }

  private static ConfigurationException unsupported(String method, Class<?> returnType) {
    return AsyncReturn.unsupported(method, returnType.getTypeName());
  }

  /** A new incomplete stage of the method's return type. */
  @SuppressWarnings("unchecked")
  CompletableFuture<Object> incomplete() {
    if (constructor == null) {
      return new CompletableFuture<>();
    }
    try {
      return (CompletableFuture<Object>) (CompletableFuture<?>) constructor.invokeExact();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("The no-argument constructor of " + type.getName() + " failed", e);
    }
  }

  /** A stage of the method's return type, completed exceptionally with {@code failure}. */
  CompletableFuture<Object> failed(Throwable failure) {
    if (constructor == null) {
      return CompletableFuture.failedFuture(failure);
    }
    CompletableFuture<Object> stage = incomplete();
    stage.completeExceptionally(failure);
    return stage;
  }
}
