package dev.warden.runtime.rules;

import dev.warden.runtime.ConfigurationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asynchronous return types: a guarded method returning a {@link CompletionStage} has its outcome
 * recorded when the stage completes and gets a rejection as a failed stage, which Warden must be
 * able to create. So it may return {@code CompletionStage}, {@code CompletableFuture}, or a
 * non-abstract subclass of {@code CompletableFuture} with a public no-argument constructor; any
 * other {@code CompletionStage} type is an error.
 *
 * <p>Stateless; thread-safe. Not for application code.
 */
public final class AsyncReturn {

  private static final String STAGE = CompletionStage.class.getName();
  private static final String FUTURE = CompletableFuture.class.getName();

  private AsyncReturn() {}

  /**
   * Whether {@code method} returns a {@code CompletionStage}.
   *
   * @param method the guarded method
   * @param oracle answers questions about its return type
   * @return {@code true} if its return type is a {@code CompletionStage}
   */
  public static boolean isAsync(MethodShape method, TypeOracle oracle) {
    return oracle.isAssignable(method.returnType(), STAGE);
  }

  /**
   * Checks that Warden can create stages of {@code method}'s return type, if it is asynchronous.
   *
   * @param method the guarded method
   * @param oracle answers questions about its return type
   * @throws ConfigurationException naming the method and its type if Warden cannot create a stage of it
   */
  public static void check(MethodShape method, TypeOracle oracle) {
    String type = method.returnType();
    if (!isAsync(method, oracle) || type.equals(STAGE) || type.equals(FUTURE)) {
      return;
    }
    if (!oracle.isAssignable(type, FUTURE) || oracle.isAbstract(type) || !oracle.hasPublicNoArgConstructor(type)) {
      throw unsupported(method.display(), type);
    }
  }

  /**
   * The error for method {@code method} (e.g. {@code com.acme.Client#load}) whose {@code
   * CompletionStage} return type {@code returnType} Warden cannot create.
   *
   * @param method the method's display name
   * @param returnType the name of its return type
   * @return the error, to be thrown by the caller
   */
  public static ConfigurationException unsupported(String method, String returnType) {
    return Messages.asyncReturn(method, returnType);
  }
}
