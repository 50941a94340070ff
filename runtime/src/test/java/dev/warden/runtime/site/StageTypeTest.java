package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.runtime.CircuitOpenException;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.rules.AsyncReturn;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

/**
 * Defect 11: a method returning a {@code CompletableFuture} subclass got a plain {@code
 * CompletableFuture} on rejection ({@code ClassCastException} in the caller). The failed stage is
 * now an instance of the declared subclass; a type Warden cannot produce fails every call.
 */
class StageTypeTest {

  /** A future type of the application's own. */
  public static class MyFuture<T> extends CompletableFuture<T> {
    public MyFuture() {}
  }

  /** No public no-argument constructor: cannot be produced. */
  public static class TaggedFuture<T> extends CompletableFuture<T> {
    public TaggedFuture(String tag) {}
  }

  /** A custom stage that is not a CompletableFuture: cannot be produced. */
  public abstract static class CustomStage<T> implements CompletionStage<T> {}

  static class Client {
    @Breaker(name = "stage.subclass", failureThreshold = 1, cooldownMillis = 600_000)
    MyFuture<String> load() {
      return null;
    }

    @Breaker(name = "stage.tagged")
    TaggedFuture<String> tagged() {
      return null;
    }

    @Breaker(name = "stage.custom")
    CustomStage<String> custom() {
      return null;
    }
  }

  @Test
  void aRejectionOfACompletableFutureSubclassMethodIsAFailedInstanceOfTheSubclass() throws Exception {
    GuardSite site = GuardSite.forMethod(Client.class, "load");
    MyFuture<String> failing = new MyFuture<>();
    Object first = Protocol.call(site, () -> failing);
    failing.completeExceptionally(new IllegalStateException("down"));
    assertInstanceOf(MyFuture.class, first);

    Object rejected = Protocol.call(site, () -> {
      throw new AssertionError("must not run");
    });
    MyFuture<?> failed = assertInstanceOf(MyFuture.class, rejected);
    assertTrue(failed.isCompletedExceptionally());
    CompletionException e = assertThrows(CompletionException.class, failed::join);
    assertInstanceOf(CircuitOpenException.class, e.getCause());
  }

  @Test
  void aTypeThatCannotBeProducedFailsEveryCallWithTheSameMessage() {
    for (String method : new String[] {"tagged", "custom"}) {
      GuardSite site = GuardSite.forMethod(Client.class, method);
      for (int i = 0; i < 2; i++) {
        ConfigurationException e = assertThrows(ConfigurationException.class, site::enter);
        Class<?> type = method.equals("tagged") ? TaggedFuture.class : CustomStage.class;
        assertEquals(
            AsyncReturn.unsupported(StageTypeTest.class.getName() + "$Client#" + method, type.getName()).getMessage(),
            e.getMessage());
        assertTrue(e.getMessage().contains("cannot"), e.getMessage());
      }
    }
  }

  @Test
  void theSubclassRuleIsDecidedOncePerType() {
    assertSame(StageFactory.PLAIN, StageFactory.of("m", CompletableFuture.class, MethodHandles.lookup()));
    assertSame(StageFactory.PLAIN, StageFactory.of("m", CompletionStage.class, MethodHandles.lookup()));
    assertInstanceOf(MyFuture.class, StageFactory.of("m", MyFuture.class, MethodHandles.lookup()).failed(new RuntimeException()));
  }
}
