package dev.warden.agent;

import dev.warden.runtime.rules.GuardEntry;
import dev.warden.runtime.rules.MethodShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The guard entries of one class (by binary name, in every class loader), and what became of each:
 * whether it guarded a method, was superseded by annotations, or guarded nothing and why (it
 * selected nothing, its guards were replaced by method entries, or the class failed to weave). Each
 * entry's outcome only ever improves (a copy of the class in one loader that matches wins over a
 * copy in another that does not), so the exit report names only entries that guarded nothing in
 * any loader.
 *
 * <p>Thread-safe: classes of several loaders may be woven at once.
 */
final class ConfiguredClass {

  // Outcomes, from worst to best: an entry keeps the best it reached.
  private static final int NOT_LOADED = 0;
  private static final int LOADED_BEFORE = 1;
  private static final int JDK_LOADER = 2;
  private static final int WEAVE_FAILED = 3;
  private static final int CLASS_SEEN = 4;
  private static final int SUPERSEDED = 5;
  private static final int MATCHED = 6;

  /** One entry and its outcome. */
  private static final class Tracked {
    final GuardEntry entry;
    final AtomicInteger outcome = new AtomicInteger(NOT_LOADED);
    volatile String seen; // why the class, once seen (or failed to weave), guarded nothing

    Tracked(GuardEntry entry) {
      this.entry = entry;
    }

    /** Raises the outcome to {@code to} ({@code seen}: why, from {@code WEAVE_FAILED} on); whether it was raised. */
    boolean reach(int to, String seen) {
      int now = outcome.get();
      while (now < to) {
        if (outcome.compareAndSet(now, to)) {
          if (seen != null) {
            this.seen = seen;
          }
          return true;
        }
        now = outcome.get();
      }
      return false;
    }
  }

  private final String className;
  private final Tracked[] methodEntries;
  private final Tracked onType;
  private final Tracked[] all;
  private final String[] jdkLines;
  private final AgentLog log;
  private final Set<String> supersededWarnings;

  /**
   * @param className the binary name of the class
   * @param entries its entries, at most one class-level, in file order
   * @param supersededWarnings the JVM-wide set of (entry, method) pairs already warned about
   */
  ConfiguredClass(String className, List<GuardEntry> entries, AgentLog log, Set<String> supersededWarnings) {
    this.className = className;
    this.log = log;
    this.supersededWarnings = supersededWarnings;
    List<Tracked> methods = new ArrayList<>();
    Tracked type = null;
    all = new Tracked[entries.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = new Tracked(entries.get(i));
      if (all[i].entry.classLevel()) {
        type = all[i];
      } else {
        methods.add(all[i]);
      }
    }
    methodEntries = methods.toArray(new Tracked[0]);
    onType = type;
    // Built now: a class of the JDK's loaders is reported while the JVM loads it, without new classes.
    jdkLines = new String[log.verbose() ? all.length : 0];
    for (int i = 0; i < jdkLines.length; i++) {
      jdkLines[i] = AgentLog.skippedLine(all[i].entry, reason(JDK_LOADER, null));
    }
  }

  /** The binary name of the class. */
  String className() {
    return className;
  }

  /** The method-level entry that selects {@code method}, or {@code null}. */
  GuardEntry own(MethodShape method) {
    for (Tracked tracked : methodEntries) {
      if (tracked.entry.selects(method)) {
        return tracked.entry;
      }
    }
    return null;
  }

  /** The class-level entry, or {@code null}. */
  GuardEntry onType() {
    return onType == null ? null : onType.entry;
  }

  /** {@code entry} guards a method (the class is woven with the entry's declarations). */
  void matched(GuardEntry entry) {
    tracked(entry).reach(MATCHED, null);
  }

  /** The class is woven with {@code methods}: each entry that one of them is guarded by guards a method. */
  void woven(List<GuardedMethod> methods) {
    for (GuardedMethod method : methods) {
      for (GuardEntry entry : new GuardEntry[] {method.own(), method.onType()}) {
        if (entry != null) {
          matched(entry);
        }
      }
    }
  }

  /**
   * The class (in some loader) could not be woven: {@code why}. An entry with no better outcome
   * reports it at exit; one that selects nothing keeps that reason.
   */
  void weaveFailed(String why) {
    for (Tracked tracked : all) {
      tracked.reach(WEAVE_FAILED, why);
    }
  }

  /** {@code entry} selects {@code method}, but annotations apply to it, and win: warned once per pair. */
  void superseded(GuardEntry entry, MethodShape method) {
    tracked(entry).reach(SUPERSEDED, null);
    if (supersededWarnings.add(entry.line() + '\n' + entry.source() + '\n' + signature(method))) {
      log.warning("guard entry " + entry.selector() + " (" + entry.source() + ") is not applied to "
          + signature(method) + ": the method carries Warden annotations, which win;"
          + " tune them with warden.<name>.<attribute> overrides");
    }
  }

  /** {@code entry} selects {@code method}, which cannot be woven: {@code why} completes "<method> ...". */
  void skipped(GuardEntry entry, MethodShape method, String why) {
    String reason = signature(method) + " " + why;
    tracked(entry).reach(CLASS_SEEN, reason);
    log.skipped(entry, reason);
  }

  /**
   * The class is being woven (in some loader) with these declared methods: each entry that guards
   * none of them is reported as skipped, saying why.
   *
   * @param declared the methods the class declares
   * @param inherited the methods of its supertypes, asked for only if an entry selects nothing
   * @param pending the entries about to guard methods ({@code null}s allowed): their outcome
   *     follows the weaving
   * @param replaced the guardable methods the class-level entry selects but contributes no guard
   *     to, since method entries replace each of its kinds
   */
  void classSeen(List<MethodShape> declared, Supplier<List<MethodShape>> inherited, List<GuardEntry> pending,
      List<MethodShape> replaced) {
    for (Tracked tracked : all) {
      if (containsIdentical(pending, tracked.entry)) {
        continue;
      }
      String reason;
      if (!selectsAny(tracked.entry, declared)) {
        reason = nothingSelected(tracked.entry, declared, inherited);
      } else if (tracked == onType && !replaced.isEmpty()) {
        reason = "every guard it declares is replaced by method entries of the same kind (" + displays(replaced) + ")";
      } else {
        reason = tracked.entry.selector() + " selects only methods the agent cannot guard"
            + " (abstract, native, bridge or compiler-generated)";
      }
      if (tracked.reach(CLASS_SEEN, reason)) {
        log.skipped(tracked.entry, reason);
      }
    }
  }

  private static boolean containsIdentical(List<GuardEntry> entries, GuardEntry entry) {
    for (GuardEntry candidate : entries) {
      if (candidate == entry) {
        return true;
      }
    }
    return false;
  }

  private static String displays(List<MethodShape> methods) {
    StringBuilder text = new StringBuilder();
    for (MethodShape method : methods) {
      text.append(text.length() == 0 ? "" : ", ").append(signature(method));
    }
    return text.toString();
  }

  /**
   * The class is being loaded by the bootstrap or platform loader, whose classes are not woven.
   * Runs inside the JVM's loading of a JDK class: it uses only classes loaded before the agent
   * started and allocates nothing (its verbose lines are built in advance).
   */
  void loadedByJdk() {
    for (int i = 0; i < all.length; i++) {
      if (all[i].reach(JDK_LOADER, null) && jdkLines.length > 0) {
        log.print(jdkLines[i]);
      }
    }
  }

  /**
   * The class was loaded before the agent started, so it is not woven.
   *
   * @return whether none of its entries had an outcome yet (the class was not woven meanwhile)
   */
  boolean loadedBefore() {
    boolean first = true;
    for (Tracked tracked : all) {
      first &= tracked.outcome.get() == NOT_LOADED;
    }
    if (first) {
      for (Tracked tracked : all) {
        tracked.reach(LOADED_BEFORE, null);
      }
    }
    return first;
  }

  /** Why {@code entry} guarded nothing so far, or {@code null} if it selected a method. */
  String guardedNothing(GuardEntry entry) {
    Tracked tracked = tracked(entry);
    int outcome = tracked.outcome.get();
    return outcome < SUPERSEDED ? reason(outcome, tracked.seen) : null;
  }

  private String reason(int outcome, String seen) {
    switch (outcome) {
      case NOT_LOADED:
        return "class " + className + " was never loaded";
      case LOADED_BEFORE:
        return "class " + className + " was loaded before the agent started";
      case JDK_LOADER:
        return "class " + className + " was loaded by the JDK's class loader, whose classes the agent does not weave";
      default:
        return seen;
    }
  }

  private Tracked tracked(GuardEntry entry) {
    for (Tracked tracked : all) {
      if (tracked.entry == entry) {
        return tracked;
      }
    }
    throw new IllegalArgumentException("not an entry of " + className + ": " + entry.line());
  }

  private static boolean selectsAny(GuardEntry entry, List<MethodShape> methods) {
    for (MethodShape method : methods) {
      if (entry.selects(method)) {
        return true;
      }
    }
    return false;
  }

  /** Why {@code entry} selects none of {@code declared}. */
  private String nothingSelected(GuardEntry entry, List<MethodShape> declared, Supplier<List<MethodShape>> inherited) {
    if (entry.classLevel()) {
      return className + " has no method a class-level entry applies to (public, not static, not compiler-generated)";
    }
    List<MethodShape> named = new ArrayList<>();
    for (MethodShape method : declared) {
      if (method.name().equals(entry.methodName())) {
        named.add(method);
      }
    }
    if (!named.isEmpty()) {
      return entry.selector() + " matches no overload (it declares: " + list(named) + ")";
    }
    for (MethodShape method : inherited.get()) {
      if (method.name().equals(entry.methodName())
          && (entry.parameterTypes() == null || entry.parameterTypes().equals(method.parameterTypes()))) {
        return entry.selector() + " is inherited from " + method.declaringType() + "; name that class";
      }
    }
    return className + " declares no method " + entry.methodName() + " (it declares: " + list(declared) + ")";
  }

  private static String list(List<MethodShape> methods) {
    StringBuilder text = new StringBuilder();
    for (MethodShape method : methods) {
      if (!method.flags().isSynthetic()) {
        text.append(text.length() == 0 ? "" : ", ").append(method.name()).append(parameters(method));
      }
    }
    return text.length() == 0 ? "no methods" : text.toString();
  }

  /** {@code com.acme.Client#send(java.lang.String, int)}. */
  static String signature(MethodShape method) {
    return method.display() + parameters(method);
  }

  private static String parameters(MethodShape method) {
    return "(" + String.join(", ", method.parameterTypes()) + ")";
  }
}
