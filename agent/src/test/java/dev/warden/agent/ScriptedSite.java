package dev.warden.agent;

import dev.warden.runtime.GuardRejectedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A stand-in for {@code GuardSite} with the methods woven code calls, for testing the woven
 * advice independently of the runtime's guards: {@link ScriptedWeaving} makes woven classes call
 * it instead. Every call is logged; {@link #retry} hands out the scripted {@link #NEXT_PERMITS}
 * in turn and, when none is left, throws the failure, as the runtime does when a call is over.
 *
 * <p>Global state for one test at a time: not thread-safe.
 */
public final class ScriptedSite {

  /** A refusal that {@link #enter} or {@link #retry} may hand out. */
  static final GuardRejectedException REJECTION = new GuardRejectedException("scripted", "refused by the script", null) {
    private static final long serialVersionUID = 1L;
  };

  /** The site every woven method of a scripted class uses. */
  static final ScriptedSite INSTANCE = new ScriptedSite();

  /** What the site was told, in order. */
  static final List<String> LOG = new ArrayList<>();
  /** The permits {@link #retry} returns, one per call; empty: it throws the failure. */
  static final Deque<Object> NEXT_PERMITS = new ArrayDeque<>();
  /** What {@link #enter} returns. */
  static Object firstPermit;
  /** The permits {@link #returned} returns, one per call (an attempt that ran late); empty: {@code null}. */
  static final Deque<Object> LATE_PERMITS = new ArrayDeque<>();
  /** What {@link #rejected} returns. */
  static Object rejectedResult;

  private ScriptedSite() {}

  /** Clears the log and the script. */
  static void reset() {
    LOG.clear();
    NEXT_PERMITS.clear();
    LATE_PERMITS.clear();
    firstPermit = "permit-1";
    rejectedResult = null;
  }

  private static String name(Object permit) {
    return permit == REJECTION ? "REJECTION" : String.valueOf(permit);
  }

  public Object enter() {
    LOG.add("enter");
    return firstPermit;
  }

  public Object retry(Object permit, Throwable failure) {
    LOG.add("retry " + name(permit) + " " + failure.getMessage());
    if (NEXT_PERMITS.isEmpty()) {
      throw ScriptedSite.<RuntimeException>sneaky(failure);
    }
    return NEXT_PERMITS.removeFirst();
  }

  public Object returned(Object permit) {
    LOG.add("returned " + name(permit));
    return LATE_PERMITS.pollFirst();
  }

  public Object rejected(Object rejection, Object target, Object[] arguments) {
    LOG.add("rejected " + name(rejection) + " " + Arrays.toString(arguments));
    return rejectedResult;
  }

  public <T> T onReturn(Object permit, T result) {
    LOG.add("onReturn " + name(permit) + " " + result);
    return result;
  }

  public void onSuccess(Object permit) {
    LOG.add("onSuccess " + name(permit));
  }

  public void onFailure(Object permit, Throwable failure) {
    LOG.add("onFailure " + name(permit) + " " + failure.getMessage());
  }

  public ScriptedSite forWovenDefaultBody() {
    return this;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
