package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runtime.site.CapturedLog;
import dev.warden.runtime.store.OnStoreFailure;
import dev.warden.runtime.store.SharedBucket;
import dev.warden.runtime.store.StoreBinding;
import dev.warden.runtime.store.StoreException;
import dev.warden.runtime.store.FakeStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Review of issue 17: the shared admission's policy and health, on a fake clock. */
class Review17SharedAdmissionTest {

  private static final long MS = 1_000_000L;

  /**
   * One process, 1 call/s, burst 5: the store admits the burst, then fails; the LOCAL fallback
   * starts from a full bucket of its own and admits a second burst at the same instant, so this
   * one process alone admits 10 calls in an interval of length 0 (bound: burst + 0 x rate = 5).
   */
  @Test
  void localFallbackDoesNotDoubleTheBurstOfAProcessAtTheStartOfAnOutage() {
    FakeTime time = new FakeTime();
    FakeStore store = new FakeStore("fake://review-double");
    RateLimiterConfig config = new RateLimiterConfig(1, 5, 0);
    RateLimiter limiter = RateLimiter.create("review.double", config, time,
        new StoreBinding(store, store.bucket("review.double", config), OnStoreFailure.LOCAL));
    int admitted = 0;
    for (int i = 0; i < 5; i++) {
      admitted += limiter.tryAcquire() ? 1 : 0; // the store admits
    }
    store.bucket("review.double").fail(new StoreException("down", null));
    try (CapturedLog log = new CapturedLog()) {
      for (int i = 0; i < 10; i++) {
        admitted += limiter.tryAcquire() ? 1 : 0; // the local fallback, same instant
      }
    }
    assertEquals(5, admitted, "admitted by one process at one instant, burst 5");
  }

  /**
   * A call that started while the store was up (UP ticket) and whose failure arrives after a
   * probe has already ended the outage opens a second outage: a second WARNING for the same
   * incident, and every call follows the policy again for a back-off although the store answers.
   */
  @Test
  void aStaleFailureAfterRecoveryDoesNotStartASecondOutage() throws Exception {
    FakeTime time = new FakeTime();
    ScriptedBucket bucket = new ScriptedBucket();
    FakeStore store = new FakeStore("fake://review-stale");
    RateLimiterConfig config = new RateLimiterConfig(1000, 1000, 0);
    RateLimiter limiter = RateLimiter.create("review.stale", config, time,
        new StoreBinding(store, bucket, OnStoreFailure.REJECT));
    try (CapturedLog log = new CapturedLog()) {
      // a slow call in flight, started while the store was up
      bucket.mode.set("block");
      Thread slow = new Thread(limiter::tryAcquire);
      slow.start();
      assertTrue(bucket.entered.await(10, TimeUnit.SECONDS));
      // another call fails: the outage starts (WARNING)
      bucket.mode.set("fail");
      assertEquals(false, limiter.tryAcquire());
      // the back-off expires, a probe succeeds: recovered (INFO)
      bucket.mode.set("ok");
      time.advanceMillis(100);
      assertTrue(limiter.tryAcquire());
      assertEquals(1, log.messages(Level.INFO, "answers again").size());
      // the slow call, sent before the outage was noticed, now fails (its timeout)
      bucket.release.countDown();
      slow.join(10_000);
      // the store answers: every call goes to it
      assertTrue(limiter.tryAcquire(), "the store answers, yet the call is refused by the policy");
      assertEquals(1, log.messages(Level.WARNING, "Warden store").size(), log.messages(Level.WARNING, "").toString());
    }
  }

  /**
   * {@code acquire()} of a shared limiter whose store is down under {@code reject}: the policy
   * says "rejected with ThrottledException", yet the caller gets an IllegalStateException claiming
   * that the next permit is "beyond any representable wait".
   */
  @Test
  void acquireUnderRejectWhileTheStoreIsDownIsARejectionNotAnOverflow() {
    FakeTime time = new FakeTime();
    FakeStore store = new FakeStore("fake://review-acquire");
    RateLimiterConfig config = new RateLimiterConfig(10, 1, 0);
    RateLimiter limiter = RateLimiter.create("review.acquire", config, time,
        new StoreBinding(store, store.bucket("review.acquire", config), OnStoreFailure.REJECT));
    store.bucket("review.acquire").fail(new StoreException("down", null));
    try (CapturedLog log = new CapturedLog()) {
      RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, limiter::acquire);
      org.junit.jupiter.api.Assertions.assertInstanceOf(ThrottledException.class, e, e.toString());
    }
  }

  /** A bucket whose calls block, fail or answer 0, as scripted. */
  static final class ScriptedBucket implements SharedBucket {
    final AtomicReference<String> mode = new AtomicReference<>("ok");
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public long reserve(long maxWaitNanos) {
      String now = mode.get();
      if (now.equals("block")) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new StoreException("no answer within 50 ms", null);
      }
      if (now.equals("fail")) {
        throw new StoreException("no answer within 50 ms", null);
      }
      return 0;
    }

    @Override
    public long availablePermits() {
      return 0;
    }
  }
}
