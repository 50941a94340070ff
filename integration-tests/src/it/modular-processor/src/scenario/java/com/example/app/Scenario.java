package com.example.app;

import com.example.app.service.Quotes;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The guarded calls and their checks, shared by every modular consumer build. Uses no Warden
 * type (a variant requires only the annotations): rejections are recognised by class name,
 * counters read through JMX. Each check prints one line; a failed check ends the run.
 *
 * <p>Module defects these runs caught: M2, a private fallback in a package not opened to the
 * runtime was "not accessible" (processor and agent); M3, under the agent with warden-runtime on
 * the module path, woven code called the module's runtime while the agent had registered its
 * methods with its own copy (bootstrap failure); M4, with only the annotations on the module
 * path, the agent's runtime did not recognise the module's annotations (calls left unguarded).
 */
public final class Scenario {

  static final String QUOTE = "com.example.app.service.Quotes#quote";
  static final String FLAKY = "com.example.app.service.Quotes#flaky";
  static final String LATER = "com.example.app.service.Quotes#later";

  private Scenario() {}

  public static void run() throws Exception {
    Quotes quotes = Quotes.create();
    System.out.println("implementation: " + quotes.getClass().getName() + " in " + quotes.getClass().getModule());
    System.out.println("runtime: " + Class.forName("dev.warden.runtime.site.GuardSite", false, Scenario.class.getClassLoader())
        .getModule());

    String calls = quotes.quote("A") + " " + quotes.quote("B") + " " + quotes.quote("C");
    check(calls.equals("A=42 B=42 C=busy"), "throttled calls: " + calls);
    System.out.println("throttled: " + calls + " (private fallback used)");

    for (int i = 0; i < 2; i++) {
      try {
        quotes.flaky(true);
        check(false, "flaky(true) returned");
      } catch (IllegalStateException expected) {
        // counted as a failure
      }
    }
    try {
      quotes.flaky(false);
      check(false, "flaky(false) ran with the circuit open");
    } catch (RuntimeException e) {
      check(e.getClass().getName().equals("dev.warden.runtime.CircuitOpenException"), "breaker rejection " + e);
      System.out.println("breaker: rejected with " + e.getClass().getSimpleName());
    }

    CompletableFuture<String> first = quotes.later("X");
    CompletableFuture<String> second = quotes.later("Y");
    check("X=later".equals(first.get()), "first async call");
    check(second instanceof Quotes.QuoteFuture, "rejected stage type " + second.getClass().getName());
    try {
      second.get();
      check(false, "second async call admitted");
    } catch (ExecutionException e) {
      check(e.getCause().getClass().getName().equals("dev.warden.runtime.ThrottledException"), "async " + e.getCause());
      System.out.println("async: rejected stage " + second.getClass().getSimpleName() + " with "
          + e.getCause().getClass().getSimpleName());
    }

    jmx("CountCalls", QUOTE, "Calls=3 Successes=2 Failures=0 Rejections=1");
    jmx("CountCalls", FLAKY, "Calls=3 Successes=0 Failures=2 Rejections=1");
    jmx("CountCalls", LATER, "Calls=2 Successes=1 Failures=0 Rejections=1");
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Object state = server.getAttribute(objectName("Breaker", FLAKY), "State");
    check("OPEN".equals(state), "JMX breaker state " + state);
    System.out.println("jmx: Breaker " + FLAKY + " State=" + state);
    int beans = server.queryNames(new ObjectName("dev.warden:*"), null).size();
    check(beans == 6, "JMX beans: " + beans);
    System.out.println("jmx: " + beans + " beans");
  }

  private static void jmx(String type, String name, String expected) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = objectName(type, name);
    StringBuilder seen = new StringBuilder();
    for (String attribute : new String[] {"Calls", "Successes", "Failures", "Rejections"}) {
      seen.append(seen.length() == 0 ? "" : " ").append(attribute).append('=').append(server.getAttribute(bean, attribute));
    }
    check(seen.toString().equals(expected), "JMX " + name + ": " + seen);
    System.out.println("jmx: " + type + " " + name + " " + seen);
  }

  private static ObjectName objectName(String type, String name) throws Exception {
    return new ObjectName("dev.warden:type=" + type + ",name=" + ObjectName.quote(name));
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("modular check failed: " + what);
    }
  }
}
