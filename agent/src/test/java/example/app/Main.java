package example.app;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;

/** Runs the scenario named by the first argument and prints one PASS/FAIL line per check. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "behaviour":
        behaviour();
        break;
      case "both-modes":
        Check.run("both-modes", check -> {
          GuardedService service = new GuardedService();
          for (int i = 0; i < 5; i++) {
            check.equal("service:" + i, service.call(String.valueOf(i)), "result");
          }
          check.counts("example.app.Service#call", 5, 5, 0, 0);
        });
        break;
      case "misconfigured":
        misconfigured();
        break;
      case "child-loader":
        childLoader(args[1]);
        break;
      case "one-registry":
        Check.run("one-registry", check -> {
          check.that(Warden.class.getClassLoader() == null, "Warden from " + Warden.class.getClassLoader());
          check.that(ClassLoader.getSystemClassLoader().loadClass("dev.warden.runtime.Warden") == Warden.class,
              "application loader resolves another Warden");
          new Service().call("x");
          check.counts("example.app.Service#call", 1, 1, 0, 0);
        });
        break;
      case "allocation":
        allocation();
        break;
      case "unwoven":
        Check.run("unwoven", check -> {
          new Service().call("x");
          check.that(Warden.callStats("example.app.Service#call").isEmpty(), "Service was guarded");
        });
        break;
      default:
        throw new IllegalArgumentException("unknown scenario " + args[0]);
    }
  }

  private static void behaviour() throws Exception {
    Kinds kinds = new Kinds();
    throttled("instance", "instanceThrottled", kinds::instanceThrottled);
    throttled("static", "staticThrottled", Kinds::staticThrottled);
    throttled("private", "privateThrottled", kinds::callPrivateThrottled);
    throttled("final", "finalThrottled", kinds::finalThrottled);
    breaker("instance", "instanceBreaker", kinds::instanceBreaker);
    breaker("static", "staticBreaker", Kinds::staticBreaker);
    breaker("private", "privateBreaker", kinds::callPrivateBreaker);
    breaker("final", "finalBreaker", kinds::finalBreaker);

    Features features = new Features("f-");
    Check.run("throttle-wait", check -> {
      long start = System.nanoTime(); // before the first call: the second token is due 100 ms after it
      features.waits();
      features.waits();
      long waitedMicros = (System.nanoTime() - start) / 1_000;
      check.that(waitedMicros >= 100_000, "two calls at 10/s, burst 1, took only " + waitedMicros + " us");
    });
    Check.run("throttle-no-wait-beyond-max", check -> {
      features.tooLongToWait();
      long waitsBefore = timesWaited();
      try {
        features.tooLongToWait();
        check.that(false, "not rejected");
      } catch (ThrottledException expected) {
        check.equal(waitsBefore, timesWaited(), "times parked or slept before the rejection");
      }
    });
    Check.run("fallback", check -> {
      try {
        features.breakerWithFallback("a");
        check.that(false, "no failure");
      } catch (IOException expected) {
        check.equal("a", expected.getMessage(), "own exception");
      }
      check.equal("f-plain:b", features.breakerWithFallback("b"), "fallback result");
      check.counts("example.app.Features#breakerWithFallback", 2, 0, 1, 1);
      features.voidWithFallback("x");
      features.voidWithFallback("y");
      check.equal(1, features.skipped, "void fallback runs");
    });
    Check.run("fallback-with-throwable", check -> {
      check.equal(5L, Features.throttledWithFallback(5), "first call");
      check.equal(-6L, Features.throttledWithFallback(6), "fallback with ThrottledException");
      check.counts("example.app.Features#throttledWithFallback", 2, 1, 0, 1);
    });
    Check.run("async", check -> {
      String name = "example.app.Features#async";
      CompletableFuture<String> pending = new CompletableFuture<>();
      CompletableFuture<String> returned = features.async(pending);
      check.that(!returned.isDone(), "returned stage completed before the method's own");
      check.equal(1L, Warden.callStats(name).get().inFlight(), "in flight before completion");
      check.counts(name, 1, 0, 0, 0);
      pending.complete("done");
      check.equal("done", returned.join(), "returned stage relays the value");
      check.counts(name, 1, 1, 0, 0);
      CompletableFuture<String> failing = new CompletableFuture<>();
      features.async(failing);
      failing.completeExceptionally(new IOException("late"));
      check.counts(name, 2, 1, 1, 0);
      check.equal(CircuitBreaker.State.OPEN, Warden.breaker(name).get().state(), "state after failed stage");
      CompletableFuture<String> rejected = features.async(new CompletableFuture<>());
      check.that(rejected.isCompletedExceptionally(), "rejection not returned as failed stage");
      try {
        rejected.join();
      } catch (CompletionException e) {
        check.that(e.getCause() instanceof CircuitOpenException, "rejection cause " + e.getCause());
      }
      check.counts(name, 3, 1, 1, 1);
    });
    Check.run("shared-name", check -> {
      features.first();
      features.second();
      features.second();
      check.counts("shared-counter", 3, 3, 0, 0);
    });
    Check.run("all-three", check -> {
      check.equal(3, features.allThree(false), "first");
      try {
        features.allThree(true);
      } catch (IllegalStateException expected) {
        check.equal("fail", expected.getMessage(), "own exception");
      }
      try {
        features.allThree(false);
        check.that(false, "third call not throttled");
      } catch (ThrottledException expected) {
        check.that(expected.getMessage().contains("example.app.Features#allThree"), "message " + expected.getMessage());
      }
      check.counts("example.app.Features#allThree", 3, 1, 1, 1);
      check.equal(CircuitBreaker.State.CLOSED, Warden.breaker("example.app.Features#allThree").get().state(), "state");
    });
    Check.run("class-level", check -> {
      ClassLevel target = new ClassLevel();
      target.inherits();
      try {
        target.inherits();
        check.that(false, "type-level @Throttled not applied");
      } catch (ThrottledException expected) {
        // the type's bucket holds one token
      }
      for (int i = 0; i < 5; i++) {
        target.ownThrottle();
      }
      check.counts("example.app.ClassLevel#inherits", 2, 1, 0, 1);
      check.counts("example.app.ClassLevel#ownThrottle", 5, 5, 0, 0);
      ClassLevel.staticMethod();
      target.packagePrivate();
      check.that(Warden.callStats("example.app.ClassLevel#staticMethod").isEmpty(), "static method guarded");
      check.that(Warden.callStats("example.app.ClassLevel#packagePrivate").isEmpty(), "non-public method guarded");
    });
  }

  /** How often this thread has parked, slept or waited (a rejection at once leaves it unchanged, under any load). */
  private static long timesWaited() {
    return java.lang.management.ManagementFactory.getThreadMXBean()
        .getThreadInfo(Thread.currentThread().getId()).getWaitedCount();
  }

  private static void throttled(String kind, String method, Callable<Integer> call) {
    Check.run("throttled-" + kind, check -> {
      check.equal(1, call.call(), "first");
      check.equal(1, call.call(), "second");
      try {
        call.call();
        check.that(false, "third call admitted");
      } catch (ThrottledException expected) {
        check.that(expected.getMessage().contains("example.app.Kinds#" + method), "message " + expected.getMessage());
      }
      check.counts("example.app.Kinds#" + method, 3, 2, 0, 1);
    });
  }

  interface BreakerCall {
    String call(boolean fail) throws IOException;
  }

  private static void breaker(String kind, String method, BreakerCall call) {
    Check.run("breaker-" + kind, check -> {
      String name = "example.app.Kinds#" + method;
      check.equal("ok", call.call(false), "closed call");
      for (int i = 0; i < 2; i++) {
        try {
          call.call(true);
          check.that(false, "no failure");
        } catch (IOException e) {
          check.that(e == Kinds.lastThrown, "checked exception changed: " + e);
        }
      }
      CircuitBreaker breaker = Warden.breaker(name).get();
      check.equal(CircuitBreaker.State.OPEN, breaker.state(), "state after 2 failures");
      int runs = Kinds.bodyRuns;
      try {
        call.call(false);
        check.that(false, "open circuit admitted a call");
      } catch (CircuitOpenException expected) {
        check.equal(runs, Kinds.bodyRuns, "body runs while open");
      }
      Thread.sleep(1100);
      check.equal(CircuitBreaker.State.HALF_OPEN, breaker.state(), "state after cooldown");
      check.equal("ok", call.call(false), "trial call");
      check.equal(CircuitBreaker.State.CLOSED, breaker.state(), "state after trial");
      check.counts(name, 5, 2, 2, 1);
    });
  }

  private static void allocation() {
    Check.run("no-allocation-on-success", check -> {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
      Hot hot = new Hot();
      int calls = 200_000;
      for (int i = 0; i < calls; i++) {
        hot.add(i);
        hot.text("x");
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < calls; i++) {
        hot.add(i);
        hot.text("x");
      }
      double perCall = (threads.getCurrentThreadAllocatedBytes() - before) / (2.0 * calls);
      check.that(perCall < 1, perCall + " bytes allocated per woven call");
      check.counts("example.app.Hot#add", 2L * calls, 2L * calls, 0, 0);
    });
  }

  private static void misconfigured() {
    Misconfigured target = new Misconfigured();
    for (int i = 0; i < 2; i++) {
      try {
        target.badRate();
        System.out.println("FAIL misconfigured: badRate ran");
      } catch (ConfigurationException e) {
        System.out.println("CALL FAILED: " + e.getMessage());
      }
    }
    try {
      target.missingFallback(1);
      System.out.println("FAIL misconfigured: missingFallback ran");
    } catch (ConfigurationException e) {
      System.out.println("CALL FAILED: " + e.getMessage());
    }
  }

  private static void childLoader(String classesDirectory) {
    Check.run("child-loader", check -> {
      URL classes = new java.io.File(classesDirectory).toURI().toURL();
      try (URLClassLoader child = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
        Class<?> type = child.loadClass("example.child.ChildService");
        check.that(type.getClassLoader() == child, "loaded by " + type.getClassLoader());
        Object service = type.getConstructor().newInstance();
        for (int i = 0; i < 3; i++) {
          check.equal(7, type.getMethod("work").invoke(service), "result");
        }
        check.counts("example.child.ChildService#work", 3, 3, 0, 0);
      }
    });
  }
}
