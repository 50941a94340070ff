package dev.warden.agent;

import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.site.GuardSite;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into every guarded method: "ask the site, run the body, tell the site". The
 * site is bound by {@link SiteLoad}; each piece makes one call on it and uses no lambda, string
 * concatenation or other {@code invokedynamic}, so it verifies in class files of any version from
 * Java 6 on. The arguments array is built only on the rejection path (none for a method without
 * parameters); the success path allocates nothing.
 *
 * <p>A method with {@code @Retry} gets a retry exit advice instead ({@link RetryWithValue}, {@link
 * RetryWithoutValue}): a failed attempt goes to the site's {@code retry}, which returns the next
 * attempt's permit (the advice keeps it in place of the one {@code enter} returned and runs the
 * body again, with the arguments the call began with) or throws the call's last failure.
 *
 * <p>Stateless; never loaded at run time except to read its bytecode.
 */
final class GuardAdvice {

  private GuardAdvice() {}

  /** Asks the site before the body runs; the body is skipped when the call is rejected. */
  static final class Enter {
    private Enter() {}

    @Advice.OnMethodEnter(skipOn = GuardRejectedException.class)
    static Object enter(@Site GuardSite site) {
      return site.enter();
    }
  }

  /** Tells the site the outcome of a method returning a reference (a stage is tracked to completion). */
  static final class ExitWithValue {
    private ExitWithValue() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
    static void exit(
        @Site GuardSite site,
        @Advice.Enter Object permit,
        @Advice.This(optional = true) Object self,
        @Advice.AllArguments(nullIfEmpty = true) Object[] arguments,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      if (permit instanceof GuardRejectedException) {
        result = site.rejected(permit, self, arguments);
      } else if (thrown == null) {
        result = site.onReturn(permit, result);
      } else {
        site.onFailure(permit, thrown);
      }
    }
  }

  /** Tells the site the outcome of a method returning a primitive or {@code void} (no boxing on success). */
  static final class ExitWithoutValue {
    private ExitWithoutValue() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
    static void exit(
        @Site GuardSite site,
        @Advice.Enter Object permit,
        @Advice.This(optional = true) Object self,
        @Advice.AllArguments(nullIfEmpty = true) Object[] arguments,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      if (permit instanceof GuardRejectedException) {
        result = site.rejected(permit, self, arguments);
      } else if (thrown == null) {
        site.onSuccess(permit);
      } else {
        site.onFailure(permit, thrown);
      }
    }
  }

  /**
   * Tells the site the outcome of each attempt of a method with {@code @Retry} (of any return
   * type): returns {@code true} to run the body again. The enter advice is not run again: the
   * permit {@code retry} or {@code returned} handed out replaces the one it returned. The
   * arguments are backed up on entry, so a repeated body starts from the call's own arguments
   * even if the body reassigned its parameters. A primitive result is boxed only on the rejection
   * path.
   */
  static final class Retrying {
    private Retrying() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = true, repeatOn = Advice.OnNonDefaultValue.class)
    static boolean exit(
        @Site GuardSite site,
        @Advice.Enter(readOnly = false) Object permit,
        @Advice.This(optional = true) Object self,
        @Advice.AllArguments(nullIfEmpty = true) Object[] arguments,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (permit instanceof GuardRejectedException) {
        result = site.rejected(permit, self, arguments);
        return false;
      }
      if (thrown == null) {
        permit = site.returned(permit); // null: the call succeeded; else the attempt ran over its @Timeout
        if (permit == null) {
          return false;
        }
      } else {
        permit = site.retry(permit, thrown); // the next attempt's permit, or throws the last failure
        thrown = null;
      }
      if (permit instanceof GuardRejectedException) {
        result = site.rejected(permit, self, arguments);
        return false;
      }
      return true;
    }
  }
}
