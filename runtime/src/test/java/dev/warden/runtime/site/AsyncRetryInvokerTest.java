package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warden.annotations.Retry;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a site that runs a {@code CompletionStage} method's attempts itself reaches the body again,
 * for each kind of caller: a generated subclass wrapper ({@code super.m()}), a generated interface
 * wrapper (the delegate), and a woven method (the method itself, whose woven code then only runs
 * the body). Real JVM-wide timer; no delays.
 */
class AsyncRetryInvokerTest {

  /** Attempts 1 and 2 fail, attempt 3 succeeds; records the thread of each. */
  static final class Script {
    final Deque<CompletableFuture<String>> outcomes = new ArrayDeque<>(List.of(
        CompletableFuture.failedFuture(new IOException("1")),
        CompletableFuture.failedFuture(new IOException("2")),
        CompletableFuture.completedFuture("third")));
    final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

    synchronized CompletionStage<String> next() {
      threads.add(Thread.currentThread());
      return outcomes.remove();
    }
  }

  public static class Base {
    final Script script = new Script();

    @Retry(name = "inv.subclass", maxAttempts = 3, delayMillis = 0)
    public CompletionStage<String> fetch(String key) {
      return script.next().thenApply(v -> v + ":" + key);
    }
  }

  /** As the processor generates it (the protocol in {@link Protocol#callRetrying}). */
  public static class GuardedBase extends Base {
    private static final GuardSite SITE =
        GuardSite.forGeneratedOverride(MethodHandles.lookup(), Base.class, "fetch", String.class);

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<String> fetch(String key) {
      try {
        return (CompletionStage<String>) Protocol.callRetrying(SITE, this, new Object[] {key}, () -> super.fetch(key));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public interface Api {
    @Retry(name = "inv.interface", maxAttempts = 3, delayMillis = 0)
    CompletionStage<String> fetch(String key);
  }

  /** As the processor generates it: the site's target is the delegate. */
  public static class GuardedApi implements Api {
    private static final GuardSite SITE =
        GuardSite.forGeneratedOverride(MethodHandles.lookup(), Api.class, "fetch", String.class);
    private final Api delegate;

    GuardedApi(Api delegate) {
      this.delegate = delegate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<String> fetch(String key) {
      try {
        return (CompletionStage<String>) Protocol.callRetrying(SITE, this.delegate, new Object[] {key},
            () -> this.delegate.fetch(key));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** As the agent weaves it: the site's code is inside the method itself. */
  public static class Woven {
    final Script script = new Script();
    static GuardSite site;

    @Retry(name = "inv.woven", maxAttempts = 3, delayMillis = 0)
    @SuppressWarnings("unchecked")
    public CompletionStage<String> fetch(String key) {
      try {
        return (CompletionStage<String>) Protocol.callRetrying(site, this, new Object[] {key},
            () -> script.next().thenApply(v -> v + ":" + key)); // the original body
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void aGeneratedSubclassRunsTheSuperclassBodyForEachAttempt() throws Exception {
    GuardedBase wrapper = new GuardedBase();
    assertEquals("third:k", wrapper.fetch("k").toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertEquals(3, wrapper.script.threads.size());
    assertSame(Thread.currentThread(), wrapper.script.threads.get(0));
    assertNotSame(Thread.currentThread(), wrapper.script.threads.get(2), "a later attempt runs on the timer's hand-off");
  }

  @Test
  void aGeneratedInterfaceWrapperCallsTheDelegateForEachAttempt() throws Exception {
    Script script = new Script();
    Api delegate = key -> script.next().thenApply(v -> v + ":" + key);
    assertEquals("third:k", new GuardedApi(delegate).fetch("k").toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertEquals(3, script.threads.size());
  }

  @Test
  void aWovenMethodIsCalledAgainAndOnlyRunsItsBody() throws Exception {
    Woven.site = WovenSites.site(Woven.class.getMethod("fetch", String.class), MethodHandles.lookup());
    Woven woven = new Woven();
    assertEquals("third:k", woven.fetch("k").toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertEquals(3, woven.script.threads.size());
    assertEquals(1, dev.warden.runtime.Warden.retry("inv.woven").orElseThrow().successesAfterRetry());
  }
}
