package dev.warden.processor;

import com.google.testing.compile.Compilation;
import dev.warden.runtime.GuardRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A stand-in for {@code GuardSite} with the same methods, for testing the code a wrapper runs
 * around its body independently of the runtime's guards: {@link #rewire} turns a generated
 * wrapper into one that calls this class instead. Every call is logged; {@link #retry} hands out
 * the scripted {@link #nextPermits} in turn and, when none is left, throws the failure, as the
 * runtime does when a call is over.
 *
 * <p>Global state for one test at a time: not thread-safe.
 */
public final class ScriptedSite {

  /** A refusal {@link #retry} may hand out as the next permit. */
  static final GuardRejectedException REJECTION = new GuardRejectedException("scripted", "refused by the script", null) {
    private static final long serialVersionUID = 1L;
  };

  /** What the sites were told, in order. */
  static final List<String> LOG = new ArrayList<>();
  /** The permits {@link #retry} returns, one per call; empty: it throws the failure. */
  static final Deque<Object> NEXT_PERMITS = new ArrayDeque<>();
  /** The permits {@link #returned} returns, one per call (an attempt that ran late); empty: {@code null}. */
  static final Deque<Object> LATE_PERMITS = new ArrayDeque<>();
  /** What {@link #rejected} returns. */
  static Object rejectedResult;

  private final String method;

  private ScriptedSite(String method) {
    this.method = method;
  }

  /** Clears the log and the script. */
  static void reset() {
    LOG.clear();
    NEXT_PERMITS.clear();
    LATE_PERMITS.clear();
    rejectedResult = null;
  }

  /**
   * The source of the wrapper {@code generated} that {@code compilation} produced, calling this
   * class where it called {@code GuardSite}.
   */
  static String rewire(Compilation compilation, String generated) {
    try {
      return compilation.generatedSourceFile(generated).orElseThrow().getCharContent(true).toString()
          .replace("dev.warden.runtime.site.GuardSite", ScriptedSite.class.getName())
          .replaceAll("\\bGuardSite\\b", ScriptedSite.class.getSimpleName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ScriptedSite forGeneratedOverride(
      MethodHandles.Lookup caller, Class<?> declaringClass, String methodName, Class<?>... parameterTypes) {
    return new ScriptedSite(methodName);
  }

  public Object enter() {
    LOG.add(method + ": enter");
    return "permit-1";
  }

  public Object retry(Object permit, Throwable failure) {
    LOG.add(method + ": retry " + permit + " " + failure.getMessage());
    if (NEXT_PERMITS.isEmpty()) {
      throw ScriptedSite.<RuntimeException>sneaky(failure);
    }
    return NEXT_PERMITS.removeFirst();
  }

  public Object returned(Object permit) {
    LOG.add(method + ": returned " + permit);
    return LATE_PERMITS.pollFirst();
  }

  public Object rejected(Object rejection, Object target, Object[] arguments) {
    LOG.add(method + ": rejected " + (rejection == REJECTION ? "REJECTION" : rejection) + " " + Arrays.toString(arguments));
    return rejectedResult;
  }

  public <T> T onReturn(Object permit, T result) {
    LOG.add(method + ": onReturn " + permit + " " + result);
    return result;
  }

  public void onSuccess(Object permit) {
    LOG.add(method + ": onSuccess " + permit);
  }

  public void onFailure(Object permit, Throwable failure) {
    LOG.add(method + ": onFailure " + permit + " " + failure.getMessage());
  }

  public Object beginGuardedCall() {
    LOG.add(method + ": begin");
    return "outer";
  }

  public void endGuardedCall(Object outer) {
    LOG.add(method + ": end " + outer);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
