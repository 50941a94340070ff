package dev.warden.agent;

import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.internal.WovenSites;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into every guarded method. Each piece makes one static call into {@link
 * WovenSites} and uses no lambda, string concatenation or other {@code invokedynamic}, so it
 * verifies in class files of any version from Java 6 on. The arguments array is built only on the
 * rejection path; the success path allocates nothing.
 *
 * <p>Stateless; never loaded at run time except to read its bytecode.
 */
final class GuardAdvice {

  private GuardAdvice() {}

  /** Asks the site before the body runs; the body is skipped when the call is rejected. */
  static final class Enter {
    private Enter() {}

    @Advice.OnMethodEnter(skipOn = GuardRejectedException.class)
    static Object enter(@SiteId int id, @Advice.Origin Class<?> owner) {
      return WovenSites.enter(id, owner);
    }
  }

  /** Tells the site the outcome of a method returning a reference (a stage is tracked to completion). */
  static final class ExitWithValue {
    private ExitWithValue() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
    static void exit(
        @SiteId int id,
        @Advice.Enter Object permit,
        @Advice.This(optional = true) Object self,
        @Advice.AllArguments Object[] arguments,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      if (permit instanceof GuardRejectedException) {
        result = WovenSites.rejected(id, permit, self, arguments);
      } else if (thrown == null) {
        result = WovenSites.returned(id, permit, result);
      } else {
        WovenSites.failed(id, permit, thrown);
      }
    }
  }

  /** Tells the site the outcome of a method returning a primitive or {@code void} (no boxing on success). */
  static final class ExitWithoutValue {
    private ExitWithoutValue() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
    static void exit(
        @SiteId int id,
        @Advice.Enter Object permit,
        @Advice.This(optional = true) Object self,
        @Advice.AllArguments Object[] arguments,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      if (permit instanceof GuardRejectedException) {
        result = WovenSites.rejected(id, permit, self, arguments);
      } else if (thrown == null) {
        WovenSites.succeeded(id, permit);
      } else {
        WovenSites.failed(id, permit, thrown);
      }
    }
  }
}
