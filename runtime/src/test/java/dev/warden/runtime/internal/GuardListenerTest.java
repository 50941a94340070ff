package dev.warden.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.CircuitBreaker;
import dev.warden.runtime.CircuitBreakerConfig;
import dev.warden.runtime.Concurrently;
import dev.warden.runtime.ConcurrencyLimiterConfig;
import dev.warden.runtime.FakeTime;
import dev.warden.runtime.Guard;
import dev.warden.runtime.GuardListener;
import dev.warden.runtime.RateLimiterConfig;
import dev.warden.runtime.RetryConfig;
import dev.warden.runtime.TimeoutConfig;
import dev.warden.runtime.site.CapturedLog;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Guard listeners: the replay of existing guards, guards created later, removal, failures and the race with creation. */
class GuardListenerTest {

  private static final CircuitBreakerConfig BREAKER = breaker(1);
  private static final RateLimiterConfig LIMITER = new RateLimiterConfig(10, 10, 0);

  private final GuardRegistry registry = new GuardRegistry(new FakeTime(), new JmxExporter());
  private final List<Guard> told = new CopyOnWriteArrayList<>();
  private final GuardListener recorder = told::add;

  @Test
  void isToldOfTheGuardsThatExistThenOfEachGuardCreatedLater() {
    Guard breaker = registry.breaker("listen.a", BREAKER, "T#a", null);
    Guard slots = registry.bulkhead("listen.a", new ConcurrencyLimiterConfig(1, 0), "T#a", null);
    Guard limiter = registry.limiter("listen.b", LIMITER, null, "T#b", null);

    registry.addGuardListener(recorder);
    assertEquals(identities(breaker, slots, limiter), identities(told), "one of each name and kind, before add returns");
    assertEquals(3, told.size());

    told.clear();
    Guard bulkhead = registry.bulkhead("listen.c", new ConcurrencyLimiterConfig(2, 0), "T#c", null);
    Guard timeout = registry.timeout("listen.c", new TimeoutConfig(100, false), "T#c", null);
    Guard retry = registry.retry("listen.c", new RetryConfig(2, 0, 1, 0, 0, List.of(IOException.class), List.of()),
        "T#c", null);
    assertEquals(List.of(bulkhead, timeout, retry), told, "in creation order, before each creation returns");

    told.clear();
    assertSame(breaker, registry.breaker("listen.a", BREAKER, "T#other", null));
    assertSame(slots, registry.bulkhead("listen.a", new ConcurrencyLimiterConfig(1, 0), "T#other", null));
    assertEquals(List.of(), told, "a second declaration of an existing guard creates nothing");
  }

  @Test
  void isToldOfANewerGuardReplacingANameForAnotherLoaderAndTheReplayHoldsOnlyTheNewest() throws IOException {
    try (URLClassLoader appA = new URLClassLoader(new URL[0]);
        URLClassLoader appB = new URLClassLoader(new URL[0])) {
      CircuitBreaker first = registry.breaker("listen.redeploy", breaker(1), "A#m", appA);
      registry.addGuardListener(recorder);
      CircuitBreaker second = registry.breaker("listen.redeploy", breaker(2), "B#m", appB);
      assertNotSame(first, second);
      assertEquals(List.of(first, second), told);

      List<Guard> replay = new ArrayList<>();
      registry.addGuardListener(replay::add);
      assertEquals(List.of(second), replay, "the replay holds the newest guard of the name");
    }
  }

  @Test
  void aRemovedListenerIsToldOfNothingMore() {
    registry.addGuardListener(recorder);
    registry.breaker("listen.removed.1", BREAKER, "T#m", null);
    assertTrue(registry.removeGuardListener(recorder));
    assertFalse(registry.removeGuardListener(recorder), "removed already");
    registry.breaker("listen.removed.2", BREAKER, "T#m", null);
    assertEquals(List.of("listen.removed.1"), names(told));
  }

  @Test
  void aListenerAddedTwiceIsToldTwiceUntilRemovedTwice() {
    registry.addGuardListener(recorder);
    registry.addGuardListener(recorder);
    registry.breaker("listen.twice.1", BREAKER, "T#m", null);
    assertTrue(registry.removeGuardListener(recorder));
    registry.breaker("listen.twice.2", BREAKER, "T#m", null);
    assertTrue(registry.removeGuardListener(recorder));
    registry.breaker("listen.twice.3", BREAKER, "T#m", null);
    assertEquals(List.of("listen.twice.1", "listen.twice.1", "listen.twice.2"), names(told));
  }

  @Test
  void aNullListenerIsRefusedByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> registry.addGuardListener(null));
    assertEquals("listener", e.getMessage());
    assertFalse(registry.removeGuardListener(null));
  }

  @Test
  void aThrowingListenerIsLoggedAndBreaksNeitherCreationNorTheOtherListeners() {
    registry.breaker("listen.throwing.old", BREAKER, "T#m", null);
    try (CapturedLog log = new CapturedLog()) {
      registry.addGuardListener(guard -> {
        throw new AssertionError("listener bug");
      });
      registry.addGuardListener(recorder);
      CircuitBreaker created = registry.breaker("listen.throwing.new", BREAKER, "T#m", null);

      assertSame(created, registry.findBreaker("listen.throwing.new"));
      assertEquals(List.of("listen.throwing.old", "listen.throwing.new"), names(told));
      List<String> warnings = log.messages(Level.WARNING, "Guard listener failed");
      assertEquals(List.of("Guard listener failed on 'listen.throwing.old'",
          "Guard listener failed on 'listen.throwing.new'"), warnings);
      assertEquals("listener bug", log.records(Level.WARNING, "listen.throwing.new").get(0).getThrown().getMessage());
    }
  }

  @Test
  void aGuardCreatedByAListenerIsToldAfterTheCallAtHandReturns() {
    List<String> seen = new ArrayList<>();
    registry.addGuardListener(guard -> {
      seen.add("start " + guard.name());
      if (guard.name().equals("listen.nested.outer")) {
        registry.breaker("listen.nested.inner", BREAKER, "T#inner", null);
      }
      seen.add("end " + guard.name());
    });
    registry.breaker("listen.nested.outer", BREAKER, "T#outer", null);
    assertEquals(List.of("start listen.nested.outer", "end listen.nested.outer",
        "start listen.nested.inner", "end listen.nested.inner"), seen, "never within another call");
  }

  /**
   * Guards created on several threads while another adds the listener, all released by one start
   * gate: every guard is told exactly once (from the replay or as created), calls never overlap,
   * and a newer guard of a name is never told before an older one. Repeated to meet each
   * interleaving many times.
   */
  @Test
  void everyGuardCreatedDuringTheAdditionIsToldExactlyOnce() throws InterruptedException {
    int creators = 3;
    int perCreator = 40;
    for (int round = 0; round < 200; round++) {
      GuardRegistry fresh = new GuardRegistry(new FakeTime(), new JmxExporter());
      List<Guard> created = new CopyOnWriteArrayList<>();
      List<Guard> seen = new CopyOnWriteArrayList<>();
      AtomicBoolean busy = new AtomicBoolean();
      AtomicInteger overlaps = new AtomicInteger();
      GuardListener listener = guard -> {
        if (!busy.compareAndSet(false, true)) {
          overlaps.incrementAndGet();
        }
        seen.add(guard);
        busy.set(false);
      };
      String prefix = "race." + round + ".";
      Concurrently.run(creators + 1, index -> {
        if (index == creators) {
          fresh.addGuardListener(listener);
          return;
        }
        for (int i = 0; i < perCreator; i++) {
          created.add(fresh.breaker(prefix + index + "." + i, BREAKER, "T#m", null));
        }
      });
      Map<Guard, Integer> counts = new IdentityHashMap<>();
      seen.forEach(g -> counts.merge(g, 1, Integer::sum));
      assertEquals(creators * perCreator, created.size());
      for (Guard guard : created) {
        assertEquals(1, counts.getOrDefault(guard, 0), "round " + round + ": " + guard.name() + " told once");
      }
      assertEquals(created.size(), seen.size(), "round " + round + ": nothing else told");
      assertEquals(0, overlaps.get(), "round " + round + ": calls to one listener overlapped");
    }
  }

  /**
   * As above for one name that every declaration replaces (each from a class loader of its own,
   * with a configuration of its own): the listener is told of the newest guard at the addition,
   * then of each later one, in creation order. Each thread's guards are told as a gapless tail of
   * what it created, in its order, and the newest guard comes last.
   */
  @Test
  void replacementsOfOneNameRacingTheAdditionAreToldOnceEachInOrder() throws Exception {
    int creators = 3;
    int perCreator = 10;
    List<URLClassLoader> loaders = new ArrayList<>();
    for (int i = 0; i < creators * perCreator; i++) {
      loaders.add(new URLClassLoader(new URL[0]));
    }
    Logger log = Logger.getLogger("dev.warden");
    Level level = log.getLevel();
    log.setLevel(Level.WARNING); // not one INFO line per replacement
    try {
      for (int round = 0; round < 200; round++) {
        GuardRegistry fresh = new GuardRegistry(new FakeTime(), new JmxExporter());
        String name = "race.replaced." + round;
        List<Guard> seen = new CopyOnWriteArrayList<>();
        Concurrently.run(creators + 1, index -> {
          if (index == creators) {
            fresh.addGuardListener(seen::add);
            return;
          }
          for (int i = 0; i < perCreator; i++) {
            int n = index * perCreator + i;
            fresh.breaker(name, breaker(n + 1), "L" + n + "#m", loaders.get(n));
          }
        });
        assertSame(fresh.findBreaker(name), seen.get(seen.size() - 1), "round " + round + ": the newest comes last");
        for (int creator = 0; creator < creators; creator++) {
          int first = creator * perCreator + 1;
          int last = first + perCreator - 1;
          List<Integer> ofCreator = seen.stream().map(GuardListenerTest::threshold)
              .filter(t -> t >= first && t <= last).collect(Collectors.toList());
          List<Integer> tail = new ArrayList<>();
          for (int t = last - ofCreator.size() + 1; t <= last && !ofCreator.isEmpty(); t++) {
            tail.add(t);
          }
          assertEquals(tail, ofCreator, "round " + round + ": creator " + creator + "'s guards as told");
        }
      }
    } finally {
      log.setLevel(level);
      for (URLClassLoader loader : loaders) {
        loader.close();
      }
    }
  }

  private static int threshold(Guard guard) {
    return ((CircuitBreaker) guard).config().failureThreshold();
  }

  private static CircuitBreakerConfig breaker(int threshold) {
    return new CircuitBreakerConfig(threshold, 1_000, 1, List.of(IOException.class), List.of());
  }

  private static List<String> names(List<Guard> guards) {
    return guards.stream().map(Guard::name).collect(Collectors.toList());
  }

  private static Set<Guard> identities(Guard... guards) {
    return identities(List.of(guards));
  }

  private static Set<Guard> identities(List<Guard> guards) {
    Set<Guard> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(guards);
    return set;
  }
}
