package dev.warden.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts durations in log-linear buckets: exact below 128 ns, then 64 buckets per power of two,
 * so a bucket is at most 1/64 of its lower bound wide and its midpoint is within 1/128 of every
 * value in it. The buckets of one power of two form a page, allocated the first time a duration
 * falls in it: a histogram whose calls take between 1 µs and 1 s holds about ten pages of 512 bytes.
 *
 * <p>Recording is one bucket computation ({@link Long#numberOfLeadingZeros}) and one atomic add,
 * plus a compare-and-set of the maximum only when a duration exceeds it; no lock, and no
 * allocation but a page's first. Thread-safe: any number of threads may record and read at once;
 * a reading sees each count at some moment during the read, and a maximum at least as large as
 * every duration it counted.
 */
final class LatencyHistogram {

  /** Buckets per page: 2^6. */
  static final int PAGE_BITS = 6;
  static final int PAGE_SIZE = 1 << PAGE_BITS;
  /** Pages 0 and 1 hold 0..127 ns exactly; page {@code p >= 2} holds {@code [2^(p+5), 2^(p+6))}. */
  static final int PAGES = 58;

  private static final VarHandle MAX;

  static {
    try {
      MAX = MethodHandles.lookup().findVarHandle(LatencyHistogram.class, "max", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final AtomicReferenceArray<AtomicLongArray> pages = new AtomicReferenceArray<>(PAGES);
  private volatile long max;

  /**
   * Counts one duration.
   *
   * @param nanos the duration, {@code >= 0}
   */
  void record(long nanos) {
    if (nanos > max) { // first: a reader that sees the count then sees a maximum at least as large
      raiseMax(nanos);
    }
    int index = index(nanos);
    int page = index >>> PAGE_BITS;
    AtomicLongArray counts = pages.getAcquire(page);
    if (counts == null) {
      counts = page(page);
    }
    counts.getAndIncrement(index & (PAGE_SIZE - 1));
  }

  /** {@return the largest duration recorded, 0 if none} */
  long max() {
    return max;
  }

  /**
   * {@return the counts now, by page: {@code null} for a page never used} Each count is read once,
   * at some moment during the call.
   */
  long[][] counts() {
    long[][] copy = new long[PAGES][];
    for (int page = 0; page < PAGES; page++) {
      AtomicLongArray counts = pages.get(page);
      if (counts != null) {
        copy[page] = new long[PAGE_SIZE];
        for (int i = 0; i < PAGE_SIZE; i++) {
          copy[page][i] = counts.get(i);
        }
      }
    }
    return copy;
  }

  /** The bucket of {@code nanos}: the value itself below 128, else {@code shift * 64 + (nanos >>> shift)}. */
  static int index(long nanos) {
    int shift = Math.max(0, 57 - Long.numberOfLeadingZeros(nanos));
    return (shift << PAGE_BITS) + (int) (nanos >>> shift);
  }

  /** {@return the smallest duration in bucket {@code index}} */
  static long lowerBound(int index) {
    int page = index >>> PAGE_BITS;
    return page < 2 ? index : (long) (PAGE_SIZE + (index & (PAGE_SIZE - 1))) << (page - 1);
  }

  /** {@return the bucket's midpoint (rounded up), reported for every duration in it} */
  static long midpoint(int index) {
    int page = index >>> PAGE_BITS;
    return page < 2 ? index : lowerBound(index) + (1L << (page - 2));
  }

  private AtomicLongArray page(int page) {
    AtomicLongArray fresh = new AtomicLongArray(PAGE_SIZE);
    return pages.compareAndSet(page, null, fresh) ? fresh : pages.get(page);
  }

  private void raiseMax(long candidate) {
    raise(MAX, this, candidate);
  }

  /** Raises the {@code long} field {@code max} of {@code owner} to {@code candidate} if that is larger. */
  static void raise(VarHandle max, Object owner, long candidate) {
    for (long seen = (long) max.getVolatile(owner); candidate > seen; seen = (long) max.getVolatile(owner)) {
      if (max.compareAndSet(owner, seen, candidate)) {
        return;
      }
    }
  }
}
