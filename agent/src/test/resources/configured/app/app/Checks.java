package app;

import com.acme.annotated.GuardedLedger;
import com.acme.annotated.Ledger;
import com.acme.sdk.Client;
import com.acme.sdk.Search;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.RetryStats;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import example.support.Probes;
import java.io.IOException;
import javax.acme.Mailer;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The checks of ConfiguredGuardsIT: the SDK (never annotated) guarded by guard entries, run as
 * {@code Checks <where>}; prints one {@code PASS <check>} or {@code FAIL <check>: why} line each.
 */
public final class Checks {

  private final String name;
  private final StringBuilder problems = new StringBuilder();

  private Checks(String name) {
    this.name = name;
  }

  public static void main(String[] args) throws Exception {
    String where = args[0];
    Client client = new Client();
    run("where-" + where, c -> where(c, where));
    run("sdk-unannotated", c -> {
      for (Class<?> type : List.of(Client.class, Client.Pool.class, Search.class, Mailer.class)) {
        c.that(type.getDeclaredAnnotations().length == 0, type + " is annotated");
        for (Method method : type.getDeclaredMethods()) {
          c.that(method.getDeclaredAnnotations().length == 0, method + " is annotated");
        }
      }
    });
    run("throttle", c -> {
      c.equal("sent a", client.send("a"), "first send");
      c.throttled("com.acme.sdk.Client#send", () -> client.send("b"));
      c.counts("com.acme.sdk.Client#send", 2, 1, 0, 1);
    });
    run("all-overloads-share", c -> {
      c.throttled("com.acme.sdk.Client#send", () -> client.send("c", 2));
      c.throttled("com.acme.sdk.Client#send", () -> client.send(new byte[3]));
      c.counts("com.acme.sdk.Client#send", 4, 1, 0, 3);
      Set<String> names = new TreeSet<>();
      for (String guard : Warden.names()) {
        if (guard.startsWith("com.acme.sdk.Client#send")) {
          names.add(guard);
        }
      }
      c.equal(Set.of("com.acme.sdk.Client#send"), names, "guard names of send");
    });
    run("override-wins", c -> c.equal(1,
        Warden.rateLimiter("com.acme.sdk.Client#send").map(limiter -> limiter.config().burst()).orElse(-1),
        "burst of com.acme.sdk.Client#send (entry 5, -D override 1)"));
    run("jmx", c -> {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      c.equal(1, server.getAttribute(
          new ObjectName("dev.warden:type=Throttled,name=\"com.acme.sdk.Client#send\""), "Burst"), "JMX Burst");
      c.equal(4L, server.getAttribute(
          new ObjectName("dev.warden:type=CountCalls,name=\"com.acme.sdk.Client#send\""), "Calls"), "JMX Calls");
    });
    run("breaker", c -> {
      for (int i = 0; i < 2; i++) {
        try {
          client.receive("");
          c.that(false, "receive(\"\") returned");
        } catch (IllegalArgumentException expected) {
          c.equal("no queue", expected.getMessage(), "own failure");
        }
      }
      try {
        client.receive("orders");
        c.that(false, "third receive was not rejected");
      } catch (CircuitOpenException expected) {
        c.equal("Circuit breaker 'com.acme.sdk.Client#receive' is OPEN", expected.getMessage(), "message");
      }
      c.counts("com.acme.sdk.Client#receive", 3, 0, 2, 1);
    });
    run("one-overload", c -> {
      for (int i = 0; i < 10; i++) {
        c.equal("published t", client.publish("t"), "unconfigured overload, call " + i);
      }
      c.equal("published t/1", client.publish("t", 1), "first");
      c.equal("published t/2", client.publish("t", 2), "second");
      c.throttled("com.acme.sdk.Client#publish", () -> client.publish("t", 3));
      c.counts("com.acme.sdk.Client#publish", 3, 2, 0, 1);
    });
    run("nested-class", c -> {
      Client.Pool pool = new Client.Pool();
      c.equal("connection", pool.borrow(), "first borrow");
      c.throttled("com.acme.sdk.Client$Pool#borrow", pool::borrow);
      c.counts("com.acme.sdk.Client$Pool#borrow", 2, 1, 0, 1);
    });
    run("static", c -> {
      c.equal("pong", Client.ping(), "first ping");
      c.throttled("com.acme.sdk.Client#ping", Client::ping);
    });
    run("private", c -> {
      c.equal("secret", client.reveal(), "first call");
      c.throttled("com.acme.sdk.Client#secret", client::reveal);
    });
    run("final", c -> {
      c.equal("sealed", client.seal(), "first call");
      c.throttled("com.acme.sdk.Client#seal", client::seal);
    });
    run("synchronized-parks-without-monitor", c -> synchronizedParks(c, client));
    run("retry", c -> {
      c.equal("ok after 3", client.flaky(2), "third attempt's result");
      c.equal(3, client.attemptsMade(), "attempts of a call that succeeded on the third");
      try {
        client.flaky(5);
        c.that(false, "flaky(5) returned");
      } catch (IOException expected) {
        c.equal("attempt 3", expected.getMessage(), "last failure rethrown");
      }
      c.equal(3, client.attemptsMade(), "attempts of a call that always fails (maxAttempts=3)");
      RetryStats retry = Warden.retry("com.acme.sdk.Client#flaky").orElse(null);
      c.that(retry != null, "no RetryStats com.acme.sdk.Client#flaky");
      if (retry != null) {
        c.equal("4/1/1", retry.retries() + "/" + retry.successesAfterRetry() + "/" + retry.exhausted(),
            "retries/successesAfterRetry/exhausted");
      }
      c.counts("com.acme.sdk.Client#flaky", 2, 1, 1, 0);
    });
    run("async", c -> {
      c.equal("value a", client.fetchAsync("a").join(), "first stage");
      CompletableFuture<String> rejected = client.fetchAsync("b");
      c.that(rejected.isCompletedExceptionally(), "rejection not returned as a failed stage: " + rejected);
      try {
        rejected.join();
      } catch (CompletionException e) {
        c.that(e.getCause() instanceof ThrottledException, "cause " + e.getCause());
        c.equal("Rate limit of 'com.acme.sdk.Client#fetchAsync' exceeded", e.getCause().getMessage(), "message");
      }
    });
    run("fallback", c -> {
      c.equal("quote ACME", client.quote("ACME"), "first call");
      c.equal("cached ACME (ThrottledException)", client.quote("ACME"), "second call: the configured fallback");
    });
    run("shared-name", c -> {
      c.equal("uploaded f", client.upload("f"), "upload");
      c.equal("downloaded f", client.download("f"), "download");
      c.throttled("sdk", () -> client.upload("g"));
      c.throttled("sdk", () -> client.download("g"));
      c.that(Warden.rateLimiter("com.acme.sdk.Client#upload").isEmpty(), "a limiter of its own for upload");
      c.that(Warden.rateLimiter("com.acme.sdk.Client#download").isEmpty(), "a limiter of its own for download");
    });
    run("class-level-entry", c -> {
      Search search = new Search();
      c.equal("found a", search.find("a"), "first find");
      c.equal("found b", search.find("b"), "second find");
      c.throttled("search-api", () -> search.find("c"));
      c.equal("suggested a", search.suggest("a"), "first suggest: its own entry replaces the class-level one");
      c.throttled("com.acme.sdk.Search#suggest", () -> search.suggest("b"));
      for (int i = 0; i < 3; i++) {
        c.equal("1.0", Search.version(), "static method, which a class-level entry does not apply to, call " + i);
      }
    });
    run("javax-library", c -> {
      Mailer mailer = new Mailer();
      c.equal("mailed a", mailer.send("a"), "first mail");
      c.throttled("javax.acme.Mailer#send", () -> mailer.send("b"));
    });
    run("annotated-and-configured", c -> {
      Ledger ledger = new GuardedLedger();
      c.equal("posted a", ledger.post("a"), "first post");
      c.equal("posted b", ledger.post("b"), "second post: the annotation's burst 2, one token a call");
      c.throttled("com.acme.annotated.Ledger#post", () -> ledger.post("c"));
      c.equal(2, Warden.rateLimiter("com.acme.annotated.Ledger#post").map(l -> l.config().burst()).orElse(-1),
          "burst (annotation 2, entry 5)");
      c.counts("com.acme.annotated.Ledger#post", 3, 2, 0, 1);
    });
    run("type-annotation-static-entry", c -> {
      c.equal("stamped", Ledger.stamp(), "first stamp");
      c.throttled("com.acme.annotated.Ledger#stamp", Ledger::stamp);
      c.that(Warden.callStats("com.acme.annotated.Ledger#stamp").isEmpty(), "the type's @CountCalls applied");
    });
  }

  private static void where(Checks c, String where) {
    ClassLoader loader = Client.class.getClassLoader();
    Module module = Client.class.getModule();
    String runtime = Warden.class.getModule().isNamed() ? Warden.class.getModule().getName()
        : Warden.class.getClassLoader() == null ? "bootstrap" : String.valueOf(Warden.class.getClassLoader());
    switch (where) {
      case "class-path":
        c.that(loader == ClassLoader.getSystemClassLoader() && !module.isNamed(), "Client in " + module);
        c.equal("bootstrap", runtime, "runtime");
        break;
      case "child-loader":
        c.that(loader instanceof URLClassLoader && loader.getParent() == ClassLoader.getPlatformClassLoader(),
            "Client from " + loader);
        c.equal("bootstrap", runtime, "runtime");
        break;
      case "module":
        c.equal("com.acme.sdk", module.getName(), "Client's module");
        c.equal("bootstrap", runtime, "runtime");
        break;
      case "module-runtime":
        c.equal("com.acme.sdk", module.getName(), "Client's module");
        c.equal("dev.warden.runtime", runtime, "runtime");
        break;
      default:
        throw new IllegalArgumentException("unknown place " + where);
    }
  }

  /**
   * A second caller of the synchronized, throttled {@code lock()} parks for the next token (due in
   * 1000 s, within its 1 h wait) without the client's monitor: {@code peek()}, synchronized on the
   * same client, runs meanwhile. The parked caller is then interrupted.
   */
  private static void synchronizedParks(Checks c, Client client) throws Exception {
    c.equal("locked", client.lock(), "first lock");
    AtomicReference<Object> outcome = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try {
        outcome.set(client.lock());
      } catch (Throwable t) {
        outcome.set(t);
      }
      ended.countDown();
    }, "parked-lock");
    caller.start();
    c.that(Probes.awaitParked(caller, 10_000), "the second lock() never parked for its token: " + caller.getState());
    CountDownLatch peeked = new CountDownLatch(1);
    Thread other = new Thread(() -> {
      client.peek();
      peeked.countDown();
    }, "peek");
    other.start();
    c.that(peeked.await(60, TimeUnit.SECONDS), "peek() blocked: the parked lock() holds the monitor");
    c.that(ended.getCount() == 1, "the parked caller ended before it was interrupted: " + outcome.get());
    caller.interrupt();
    c.that(ended.await(60, TimeUnit.SECONDS), "the interrupted caller did not end");
    Object result = outcome.get();
    c.that(result instanceof ThrottledException, "the interrupted caller got " + result);
    if (result instanceof ThrottledException) {
      c.equal("Interrupted while waiting for rate limit 'com.acme.sdk.Client#lock'",
          ((ThrottledException) result).getMessage(), "message");
    }
    other.join();
  }

  private void that(boolean condition, String what) {
    if (!condition) {
      problems.append(problems.length() == 0 ? "" : "; ").append(what);
    }
  }

  private void equal(Object expected, Object actual, String what) {
    that(expected.equals(actual), what + ": expected " + expected + ", got " + actual);
  }

  /** Checks that {@code call} is rejected by the rate limiter {@code guard}, with its message. */
  private void throttled(String guard, Supplier<?> call) {
    try {
      Object result = call.get();
      that(false, "not throttled by " + guard + ": returned " + result);
    } catch (ThrottledException expected) {
      equal("Rate limit of '" + guard + "' exceeded", expected.getMessage(), "message");
    }
  }

  private void counts(String guard, long calls, long successes, long failures, long rejections) {
    String problem = Probes.countsProblem(guard, calls, successes, failures, rejections);
    that(problem == null, problem);
  }

  private static void run(String name, Body body) {
    Checks check = new Checks(name);
    try {
      body.run(check);
    } catch (Throwable t) {
      check.that(false, "unexpected " + t);
    }
    System.out.println(check.problems.length() == 0 ? "PASS " + name : "FAIL " + name + ": " + check.problems);
  }

  private interface Body {
    void run(Checks check) throws Throwable;
  }
}
