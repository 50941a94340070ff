package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.site.CapturedLog;
import dev.warden.runtime.store.BucketException;
import dev.warden.runtime.store.FakeBucket;
import dev.warden.runtime.store.FakeStore;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreBinding;
import dev.warden.runtime.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A rate limiter bound to a shared store: admission by the store's bucket, the onStoreFailure
 * policies, the store's and the bucket's health (one WARNING, one INFO, exact back-off on a fake
 * clock), and the cost of the local path.
 */
class SharedRateLimiterTest {

  private static final long MS = 1_000_000L;
  /** 1 call per second, burst 2, wait up to 50 ms. */
  private static final RateLimiterConfig CONFIG = new RateLimiterConfig(1, 2, 50);

  private final FakeTime time = new FakeTime();
  private final FakeStore store = new FakeStore("fake://test");

  private RateLimiter limiter(String name, OnStoreFailure policy) {
    return RateLimiter.create(name, CONFIG, time, new StoreBinding(store, store.bucket(name, CONFIG), policy));
  }

  private static int admitted(RateLimiter limiter, int calls) {
    int admitted = 0;
    for (int i = 0; i < calls; i++) {
      admitted += limiter.tryAcquire() ? 1 : 0;
    }
    return admitted;
  }

  @Test
  void aSharedLimiterReservesInItsStoreAndParksHereForTheWait() throws InterruptedException {
    RateLimiter limiter = limiter("shared.reserve", OnStoreFailure.LOCAL);
    FakeBucket bucket = store.bucket("shared.reserve");
    assertEquals("fake://test", limiter.store());
    assertEquals(10, admitted(limiter, 10), "the store answers 0: every call is admitted now");
    assertEquals(10, bucket.reserves());
    assertEquals(0, bucket.lastMaxWait());

    bucket.answer(30 * MS);
    long before = time.peek();
    assertTrue(limiter.tryAcquire(Duration.ofMillis(50)));
    assertEquals(50 * MS, bucket.lastMaxWait(), "the longest wait is the store's to judge");
    assertEquals(30 * MS, time.peek() - before, "parked here for the store's wait");

    bucket.answer(-1);
    assertFalse(limiter.tryAcquire(Duration.ofMillis(50)));
    assertEquals(30 * MS, time.peek() - before, "not parked");
    assertEquals(12, bucket.reserves());
    assertEquals(2, limiter.availablePermits(), "the store's answer");
    assertEquals(1, bucket.permitReads());
  }

  @Test
  void anInterruptWhileParkedForTheStoresWaitSpendsThePermit() {
    RateLimiter limiter = limiter("shared.interrupt", OnStoreFailure.LOCAL);
    store.bucket("shared.interrupt").answer(10 * MS);
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> limiter.tryAcquire(Duration.ofMillis(50)));
    assertFalse(Thread.interrupted());
    assertEquals(1, store.bucket("shared.interrupt").reserves());
  }

  @Test
  void aLocalLimiterSaysSo() {
    assertEquals("local", RateLimiter.create("shared.local", CONFIG, time).store());
  }

  @Test
  void localPolicyStartsFromWhatTheStoreGrantedThisProcess() {
    RateLimiter limiter = limiter("shared.local.policy", OnStoreFailure.LOCAL);
    assertEquals(1, admitted(limiter, 1), "through the store, and charged to the own bucket");
    store.bucket("shared.local.policy").fail(new StoreException("fake://test did not answer within 50 ms", null));
    assertEquals(1, admitted(limiter, 5), "burst 2, one taken through the store, no refill on a fake clock");
    assertEquals(0, limiter.availablePermits(), "the own bucket");
    time.advanceMillis(1_000);
    assertEquals(1, limiter.availablePermits());
    assertEquals(1, store.bucket("shared.local.policy").reserves() - 1, "one failed call; no probe within the back-off");
  }

  @Test
  void allowPolicyAdmitsEveryCallAndRejectPolicyNone() {
    RateLimiter allow = limiter("shared.allow", OnStoreFailure.ALLOW);
    RateLimiter reject = limiter("shared.reject", OnStoreFailure.REJECT);
    store.bucket("shared.allow").fail(new StoreException("down", null));
    store.bucket("shared.reject").fail(new StoreException("down", null));
    assertEquals(100, admitted(allow, 100));
    assertEquals(2, allow.availablePermits(), "allow: the burst");
    assertEquals(0, admitted(reject, 100));
    assertEquals(0, reject.availablePermits());
  }

  @Test
  void theStoreIsProbedByOneCallerAfterABackOffDoublingTo5sAndItsOutageLoggedOnce() {
    RateLimiter limiter = limiter("shared.backoff", OnStoreFailure.REJECT);
    FakeBucket bucket = store.bucket("shared.backoff");
    bucket.fail(new StoreException("fake://test did not answer within 50 ms", null));
    try (CapturedLog log = new CapturedLog()) {
      long start = time.peek();
      assertFalse(limiter.tryAcquire());
      assertEquals(1, bucket.reserves());
      long due = 0;
      int probes = 1;
      for (long backoff : new long[] {100, 200, 400, 800, 1600, 3200, 5000, 5000}) {
        due += backoff;
        time.advance(start + due * MS - 1 - time.peek());
        assertEquals(0, admitted(limiter, 3));
        assertEquals(probes, bucket.reserves(), "1 ns before the probe at " + due + " ms");
        time.advance(1);
        assertEquals(0, admitted(limiter, 3));
        assertEquals(++probes, bucket.reserves(), "one probe at " + due + " ms");
      }
      assertEquals(List.of("Warden store fake://test fails: fake://test did not answer within 50 ms; calls follow their"
          + " guard's onStoreFailure policy (guard 'shared.backoff': reject) until it answers again"),
          log.messages(Level.WARNING, "Warden"));
      assertEquals(List.of(), log.messages(Level.INFO, "Warden"));

      bucket.answer(0);
      time.advance(start + (due + 5000) * MS - time.peek());
      assertEquals(3, admitted(limiter, 3), "the probe and every call after it through the store");
      assertEquals(probes + 3, bucket.reserves());
      assertEquals(List.of("Warden store fake://test answers again after " + (due + 5000) + " ms"),
          log.messages(Level.INFO, "Warden"));
      assertEquals(1, log.messages(Level.WARNING, "Warden").size());
    }
  }

  /** Real threads race for the probe, which holds its call until every other caller is done. */
  @Test
  void exactlyOneOfManyRacingCallersProbes() throws InterruptedException {
    int threads = 8;
    CountDownLatch othersDone = new CountDownLatch(threads - 1);
    AtomicInteger reserves = new AtomicInteger();
    AtomicInteger unfinished = new AtomicInteger();
    SharedBucket held = new SharedBucket() {
      @Override
      public long reserve(long maxWaitNanos) {
        if (reserves.incrementAndGet() == 1) {
          throw new StoreException("down", null);
        }
        try {
          if (!othersDone.await(30, TimeUnit.SECONDS)) {
            unfinished.incrementAndGet();
          }
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        return 0;
      }

      @Override
      public long availablePermits() {
        return 0;
      }
    };
    RateLimiter limiter = RateLimiter.create("shared.race", CONFIG, time,
        new StoreBinding(store, held, OnStoreFailure.ALLOW));
    assertTrue(limiter.tryAcquire());
    time.advanceMillis(100);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    Thread[] callers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      callers[i] = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        admitted.addAndGet(limiter.tryAcquire() ? 1 : 0);
        othersDone.countDown();
      });
      callers[i].start();
    }
    ready.await();
    go.countDown();
    for (Thread caller : callers) {
      caller.join();
    }
    assertEquals(threads, admitted.get());
    assertEquals(2, reserves.get(), "the failure, then one probe; the other callers used the policy");
    assertEquals(0, unfinished.get(), "the probe saw every other caller finish");
    assertEquals(3, admitted(limiter, 3));
    assertEquals(5, reserves.get(), "up again");
  }

  @Test
  void exactlyOneCallerWinsTheProbeWhileTheClockStands() {
    RateLimiter limiter = limiter("shared.one", OnStoreFailure.REJECT);
    FakeBucket bucket = store.bucket("shared.one");
    bucket.fail(new StoreException("down", null));
    limiter.tryAcquire();
    time.advanceMillis(100);
    assertEquals(0, admitted(limiter, 10));
    assertEquals(2, bucket.reserves(), "the failure, then one probe of ten calls");
  }

  @Test
  void aStoreFailureSeenByOneGuardKeepsEveryGuardOfTheStoreOffIt() {
    RateLimiter first = limiter("shared.store.a", OnStoreFailure.ALLOW);
    RateLimiter second = limiter("shared.store.b", OnStoreFailure.ALLOW);
    store.bucket("shared.store.a").fail(new StoreException("down", null));
    assertTrue(first.tryAcquire());
    assertEquals(5, admitted(second, 5));
    assertEquals(0, store.bucket("shared.store.b").reserves(), "the store is down for every guard on it");
    assertEquals(2, second.availablePermits(), "allow: the burst, without asking the store");
    assertEquals(0, store.bucket("shared.store.b").permitReads());
  }

  @Test
  void aBucketFailureIsThatGuardsAloneAndLoggedNamingIt() {
    RateLimiter broken = limiter("shared.bucket.a", OnStoreFailure.REJECT);
    RateLimiter healthy = limiter("shared.bucket.b", OnStoreFailure.REJECT);
    FakeBucket bucket = store.bucket("shared.bucket.a");
    bucket.fail(new BucketException(
        "WRONGTYPE: key warden:{shared.bucket.a} of guard 'shared.bucket.a' holds another type", null));
    try (CapturedLog log = new CapturedLog()) {
      assertEquals(0, admitted(broken, 3));
      assertEquals(3, admitted(healthy, 3));
      assertEquals(3, store.bucket("shared.bucket.b").reserves(), "the store is up");
      assertEquals(1, bucket.reserves(), "its bucket is down");
      assertEquals(List.of("Warden bucket of @Throttled guard 'shared.bucket.a' in store fake://test fails: WRONGTYPE:"
          + " key warden:{shared.bucket.a} of guard 'shared.bucket.a' holds another type; calls follow their guard's"
          + " onStoreFailure policy (guard 'shared.bucket.a': reject) until it answers again"),
          log.messages(Level.WARNING, "Warden"));

      bucket.answer(0);
      time.advanceMillis(100);
      assertEquals(2, admitted(broken, 2));
      assertEquals(List.of("Warden bucket of @Throttled guard 'shared.bucket.a' in store fake://test answers again"
          + " after 100 ms"), log.messages(Level.INFO, "Warden"));
    }
  }

  @Test
  void aProvidersOtherRuntimeExceptionIsAStoreFailureLoggedWithItsStackTrace() {
    RateLimiter limiter = limiter("shared.defect", OnStoreFailure.LOCAL);
    IllegalStateException defect = new IllegalStateException("provider bug");
    store.bucket("shared.defect").fail(defect);
    try (CapturedLog log = new CapturedLog()) {
      assertEquals(2, admitted(limiter, 3), "the own bucket; nothing escapes");
      assertEquals(0, limiter.availablePermits(), "the own bucket, empty");
      var records = log.records(Level.WARNING, "Warden store fake://test fails: java.lang.IllegalStateException:"
          + " provider bug; calls follow");
      assertEquals(1, records.size());
      assertEquals(defect, records.get(0).getThrown());
    }
  }

  @Test
  void availablePermitsOfAFailingStoreAnswersByThePolicyAndMarksItDown() {
    RateLimiter limiter = limiter("shared.permits", OnStoreFailure.LOCAL);
    FakeBucket bucket = store.bucket("shared.permits");
    bucket.permits(1);
    assertEquals(1, limiter.availablePermits());
    bucket.fail(new StoreException("down", null));
    assertEquals(2, limiter.availablePermits(), "the own bucket, full");
    assertEquals(2, bucket.permitReads());
    assertEquals(2, limiter.availablePermits());
    assertEquals(2, bucket.permitReads(), "down: not asked again");
    assertTrue(limiter.tryAcquire());
    assertEquals(0, bucket.reserves(), "down: a call within the back-off uses the policy");
  }

  /** Nothing allocated per call: local, shared while the store answers, shared while it is down. */
  @Test
  void noPathAllocatesPerCall() {
    RateLimiterConfig plenty = new RateLimiterConfig(1e9, 1_000_000_000, 0);
    RateLimiter local = RateLimiter.create("shared.cost.local", plenty, time);
    RateLimiter up = RateLimiter.create("shared.cost.up", plenty, time,
        new StoreBinding(store, store.bucket("shared.cost.up", plenty), OnStoreFailure.LOCAL));
    FakeStore failing = new FakeStore("fake://failing");
    RateLimiter down = RateLimiter.create("shared.cost.down", plenty, time,
        new StoreBinding(failing, failing.bucket("shared.cost.down", plenty).fail(new StoreException("down", null)),
            OnStoreFailure.LOCAL));
    down.tryAcquire();
    for (RateLimiter limiter : new RateLimiter[] {local, up, down}) {
      int calls = 100_000;
      long least = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long before = Allocations.ofThisThread();
        for (int i = 0; i < calls; i++) {
          if (!limiter.tryAcquire()) {
            throw new AssertionError("refused by " + limiter);
          }
        }
        least = Math.min(least, Allocations.ofThisThread() - before);
      }
      assertEquals(0, least / calls, least + " bytes allocated by " + calls + " calls of " + limiter);
    }
  }

  @Test
  void aBindingIsRequired() {
    assertThrows(NullPointerException.class, () -> RateLimiter.create("shared.null", CONFIG, time, null));
  }

  @Test
  void theStoresHealthIsSharedByIdentityNotByDescription() {
    FakeStore twin = new FakeStore("fake://test");
    RateLimiter first = limiter("shared.twin.a", OnStoreFailure.ALLOW);
    RateLimiter second = RateLimiter.create("shared.twin.b", CONFIG, time,
        new StoreBinding(twin, twin.bucket("shared.twin.b", CONFIG), OnStoreFailure.ALLOW));
    store.bucket("shared.twin.a").fail(new StoreException("down", null));
    first.tryAcquire();
    assertTrue(second.tryAcquire());
    assertEquals(1, twin.bucket("shared.twin.b").reserves(), "another store, up");
  }
}
