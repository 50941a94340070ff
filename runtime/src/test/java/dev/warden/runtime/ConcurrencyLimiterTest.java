package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConcurrencyLimiter} on one thread and a fake clock: configuration, free slots, the
 * configured and the given waits (parked through the clock: no test sleeps), interrupts, a grant
 * racing the end of a wait, over-release, and the cost of the success path.
 */
class ConcurrencyLimiterTest {

  private static final long MILLI = 1_000_000L;

  private final FakeTime time = new FakeTime();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted(); // never leak a flag into the next test
  }

  private ConcurrencyLimiter limiter(int maxConcurrent, long maxWaitMillis) {
    return ConcurrencyLimiter.create("uploads", new ConcurrencyLimiterConfig(maxConcurrent, maxWaitMillis), time);
  }

  @Test
  void invalidValuesAreRejectedNamingAttributeAndValue() {
    ConfigurationException zero = assertThrows(ConfigurationException.class, () -> new ConcurrencyLimiterConfig(0, 0));
    assertEquals("maxConcurrent", zero.attribute());
    assertEquals("0", zero.value());
    assertEquals("maxConcurrent must be >= 1, got 0", zero.getMessage());
    ConfigurationException negative =
        assertThrows(ConfigurationException.class, () -> new ConcurrencyLimiterConfig(1, -1));
    assertEquals("maxWaitMillis", negative.attribute());
    assertEquals("maxWaitMillis must be >= 0, got -1", negative.getMessage());
    assertEquals("maxConcurrent", assertThrows(ConfigurationException.class,
        () -> new ConcurrencyLimiterConfig(Integer.MIN_VALUE, -1)).attribute());
    assertEquals(java.util.List.of("maxConcurrent", "maxWaitMillis"), ConcurrencyLimiterConfig.ATTRIBUTES);
    new ConcurrencyLimiterConfig(Integer.MAX_VALUE, Long.MAX_VALUE);
  }

  @Test
  void theLargestLimitCountsEverySlot() {
    ConcurrencyLimiter huge = limiter(Integer.MAX_VALUE, 0);
    assertTrue(huge.tryAcquire());
    assertEquals(Integer.MAX_VALUE - 1, huge.available());
    assertEquals(0, huge.waiting());
    huge.release();
    assertEquals(Integer.MAX_VALUE, huge.available());
    assertThrows(IllegalStateException.class, huge::release);
  }

  @Test
  void freeSlotsAreTakenAtOnceAndARefusalIsCountedOnce() throws InterruptedException {
    ConcurrencyLimiter limiter = limiter(2, 0);
    assertEquals("uploads", limiter.name());
    assertEquals(2, limiter.maxConcurrent());
    assertEquals(new ConcurrencyLimiterConfig(2, 0), limiter.config());
    assertTrue(limiter.tryAcquire());
    assertTrue(limiter.tryAcquire(Duration.ofSeconds(1)));
    assertEquals(0, limiter.available());
    assertFalse(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire(0, TimeUnit.SECONDS));
    assertEquals(2, limiter.rejections());
    limiter.release();
    assertEquals(1, limiter.available());
    limiter.acquire();
    assertEquals(0, limiter.available());
    assertEquals(2, limiter.rejections());
    assertEquals(0, time.parks());
  }

  /** {@code maxWaitMillis = 0} never waits: refused at once, without parking; the one clock read is the refusal log's. */
  @Test
  void noWaitMeansNoParkAndAStacklessRejectionNamingTheGuard() {
    ConcurrencyLimiter limiter = limiter(1, 0);
    limiter.acquire();
    long reads = time.reads();
    BulkheadFullException full = assertThrows(BulkheadFullException.class, limiter::acquire);
    assertEquals("Bulkhead 'uploads' is full", full.getMessage());
    assertEquals("uploads", full.guardName());
    assertNull(full.getCause());
    assertEquals(0, full.getStackTrace().length);
    assertInstanceOf(GuardRejectedException.class, full);
    assertEquals(0, time.parks());
    assertEquals(reads + 1, time.reads(), "one clock read, the refusal log's (first refusal after a quiet minute)");
    assertEquals(1, limiter.rejections());
    assertEquals(0, limiter.waiting());
  }

  /** Nobody releases: the caller parks once, for exactly {@code maxWaitMillis}, and is refused. */
  @Test
  void aWaitNobodyEndsIsOneParkOfExactlyMaxWait() throws InterruptedException {
    ConcurrencyLimiter limiter = limiter(1, 250);
    limiter.acquire();
    long before = time.peek();
    assertThrows(BulkheadFullException.class, limiter::acquire);
    assertEquals(1, time.parks());
    assertEquals(250 * MILLI, time.peek() - before);
    assertEquals(0, limiter.waiting());
    assertEquals(0, limiter.available());

    before = time.peek();
    assertFalse(limiter.tryAcquire(Duration.ofNanos(7)));
    assertEquals(2, time.parks());
    assertEquals(7, time.peek() - before);
    assertEquals(2, limiter.rejections());
    limiter.release();
    assertEquals(1, limiter.available()); // the given-up waits hold nothing
  }

  /** The longest wait ({@code Long.MAX_VALUE} ns, where a deadline of now + wait overflows) is waited in full. */
  @Test
  void theLongestWaitIsWaitedInFull() throws InterruptedException {
    ConcurrencyLimiter limiter = limiter(1, 0);
    limiter.acquire();
    long before = time.peek();
    assertFalse(limiter.tryAcquire(Long.MAX_VALUE, TimeUnit.NANOSECONDS));
    assertEquals(1, time.parks());
    assertEquals(Long.MAX_VALUE, time.peek() - before);
  }

  @Test
  void aNegativeWaitIsRejected() {
    ConcurrencyLimiter limiter = limiter(1, 0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(-1, TimeUnit.MILLISECONDS));
    assertEquals("maxWait must be >= 0, got -1 MILLISECONDS", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(Duration.ofNanos(-1)));
    assertEquals(1, limiter.available());
  }

  @Test
  void releasingMoreThanWasTakenThrowsNamingTheGuard() {
    ConcurrencyLimiter limiter = limiter(2, 0);
    IllegalStateException fresh = assertThrows(IllegalStateException.class, limiter::release);
    assertEquals("Bulkhead 'uploads': release() without a slot taken (all 2 slots are free)", fresh.getMessage());
    limiter.acquire();
    limiter.release();
    assertThrows(IllegalStateException.class, limiter::release);
    assertEquals(2, limiter.available());
  }

  /** A bulkhead only refuses an interrupt while waiting: with a free slot the flag changes nothing. */
  @Test
  void anInterruptedCallerGetsAFreeSlotAndKeepsItsFlag() throws InterruptedException {
    ConcurrencyLimiter limiter = limiter(3, 1_000);
    Thread.currentThread().interrupt();
    limiter.acquire();
    assertTrue(limiter.tryAcquire(Duration.ofSeconds(1)));
    assertTrue(limiter.tryAcquire());
    assertTrue(Thread.currentThread().isInterrupted());
    assertEquals(0, limiter.available());
    assertEquals(0, limiter.rejections());
  }

  /**
   * A caller about to wait with its flag set is refused without parking: {@link
   * InterruptedException} (flag cleared, by convention) or {@link BulkheadFullException} with that
   * cause and the flag set again.
   */
  @Test
  void anInterruptedCallerThatWouldWaitIsRefusedWithoutParking() {
    ConcurrencyLimiter limiter = limiter(1, 1_000);
    limiter.acquire();
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> limiter.tryAcquire(Duration.ofSeconds(1)));
    assertFalse(Thread.currentThread().isInterrupted());

    Thread.currentThread().interrupt();
    BulkheadFullException e = assertThrows(BulkheadFullException.class, limiter::acquire);
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertEquals("Interrupted while waiting for a slot of bulkhead 'uploads'", e.getMessage());
    assertEquals(0, e.getStackTrace().length);
    assertTrue(Thread.currentThread().isInterrupted());
    assertEquals(0, time.parks());
    assertEquals(0, limiter.waiting());
    assertEquals(2, limiter.rejections());
    Thread.interrupted();
    limiter.release();
    assertEquals(1, limiter.available());
  }

  /**
   * A slot handed over between the waiter's last look and its time-out is kept: granted means the
   * caller holds the slot, never a slot lost in a refused call. The release runs at the clock read
   * that finds the wait over.
   */
  @Test
  void aGrantRacingTheEndOfTheWaitAdmitsTheCaller() throws InterruptedException {
    WakeHook clock = new WakeHook();
    ConcurrencyLimiter limiter = ConcurrencyLimiter.create("uploads", new ConcurrencyLimiterConfig(1, 100), clock);
    limiter.acquire();
    clock.atFirstReadAfterPark(limiter::release);
    limiter.acquire(); // admitted: the release handed it the slot
    assertEquals(0, limiter.available());
    assertEquals(0, limiter.waiting());
    assertEquals(0, limiter.rejections());
    limiter.release();
    assertEquals(1, limiter.available());
    assertThrows(IllegalStateException.class, limiter::release);
  }

  /** An interrupt and a grant at once: the grant wins, the call is admitted with its flag set. */
  @Test
  void aGrantRacingAnInterruptAdmitsTheCallerWithItsFlagSet() throws InterruptedException {
    WakeHook clock = new WakeHook();
    ConcurrencyLimiter limiter = ConcurrencyLimiter.create("uploads", new ConcurrencyLimiterConfig(1, 100), clock);
    limiter.acquire();
    clock.whenParked(() -> {
      limiter.release();
      Thread.currentThread().interrupt();
    });
    assertTrue(limiter.tryAcquire(Duration.ofMillis(100)));
    assertTrue(Thread.interrupted());
    assertEquals(0, limiter.available());
    assertEquals(0, limiter.waiting());
    limiter.release();
    assertEquals(1, limiter.available());
  }

  /** An interrupt while parked, nobody releasing: refused, no slot held, the queue empty. */
  @Test
  void anInterruptWhileParkedRefusesTheCallAndKeepsTheFlag() {
    WakeHook clock = new WakeHook();
    ConcurrencyLimiter limiter = ConcurrencyLimiter.create("uploads", new ConcurrencyLimiterConfig(1, 100), clock);
    limiter.acquire();
    clock.whenParked(() -> Thread.currentThread().interrupt());
    BulkheadFullException e = assertThrows(BulkheadFullException.class, limiter::acquire);
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertTrue(Thread.interrupted());
    assertEquals(0, limiter.waiting());
    assertEquals(1, limiter.rejections());
    limiter.release();
    assertEquals(1, limiter.available());
  }

  /** Taking and releasing a free slot allocates nothing, through each way of taking it. */
  @Test
  void theSuccessPathAllocatesNothing() throws InterruptedException {
    ConcurrencyLimiter limiter = ConcurrencyLimiter.create("uploads", new ConcurrencyLimiterConfig(2, 1_000));
    Duration wait = Duration.ofSeconds(1);
    int pairs = 100_000;
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = Allocations.ofThisThread();
      for (int i = 0; i < pairs; i++) {
        if (!limiter.tryAcquire() || !limiter.tryAcquire(wait)) {
          throw new AssertionError("refused");
        }
        limiter.release();
        limiter.release();
        limiter.acquire();
        limiter.release();
      }
      least = Math.min(least, Allocations.ofThisThread() - before);
    }
    // anything allocated per call is at least 16 bytes; the measurement itself may allocate a few
    assertEquals(0, least / pairs, least + " bytes allocated by " + pairs + " rounds of three pairs");
  }

  /**
   * A fake clock with one-shot hooks: as a parked caller wakes (inside {@code parkNanos}, after
   * time moved to the deadline), or at its first clock read after that.
   */
  private static final class WakeHook implements TimeSource {
    private final FakeTime time = new FakeTime();
    private final AtomicReference<Runnable> onPark = new AtomicReference<>();
    private final AtomicReference<Runnable> onRead = new AtomicReference<>();
    private volatile boolean parked;

    void whenParked(Runnable hook) {
      onPark.set(hook);
    }

    void atFirstReadAfterPark(Runnable hook) {
      onRead.set(hook);
    }

    @Override
    public long nanoTime() {
      if (parked) {
        parked = false;
        Runnable hook = onRead.getAndSet(null);
        if (hook != null) {
          hook.run();
        }
      }
      return time.nanoTime();
    }

    @Override
    public void parkNanos(long nanos) {
      time.parkNanos(nanos);
      parked = true;
      Runnable hook = onPark.getAndSet(null);
      if (hook != null) {
        hook.run();
      }
    }
  }
}
