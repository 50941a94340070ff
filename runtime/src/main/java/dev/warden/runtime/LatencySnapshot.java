package dev.warden.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The durations of a {@code @CountCalls(latency = true)} guard's calls at one moment: over the
 * guard's life, and {@linkplain #recent() over the last minute}. A call's duration runs from its
 * entry (before the waits of its other guards) to the recording of its outcome; for a {@code
 * CompletionStage} method, until its stage completes. Calls that ended with a rejection are not
 * measured, so at any quiet moment {@code count() == successes() + failures()}, unless a guarded
 * call that a hand-written wrapper ended on another thread than it entered on was counted without
 * a duration.
 *
 * <p><b>Accuracy.</b> A quantile is defined by nearest rank: of the {@code n} durations sorted
 * ascending, the {@code q}-quantile is the {@code r}-th, {@code r = max(1, ⌈q·n⌉)} (with {@code q}
 * taken as the decimal it is written as, so {@code 0.7} of 10 is the 7th). Each reported quantile
 * {@code v} satisfies {@code |v − exact| ≤ exact / 128} (under 0.8 %, so within 1 %) of that exact
 * value, at every magnitude from 0 ns to hours: durations are counted in buckets at most 1/64 of
 * their lower bound wide, and a quantile reports the midpoint of its bucket (over the guard's life,
 * never more than {@link #maxNanos()}). Durations under 128 ns are exact. {@link #maxNanos()} and
 * {@link #count()} are exact; {@link #totalNanos()} and {@link #meanNanos()} are within the same
 * bound. A snapshot read while calls end counts each of them or not, as of some moment of the read;
 * its quantiles are within the bound of exactly the calls it counted.
 *
 * <p>Immutable; thread-safe.
 *
 * <p>Example: log the tail latency of a guard:
 *
 * <pre>{@code
 * Warden.callStats("com.acme.PaymentClient#charge").flatMap(CallStats::latency).ifPresent(l ->
 *     log.info("p99 " + l.p99Nanos() / 1e6 + " ms over the last minute: " + l.recent().p99Nanos() / 1e6 + " ms"));
 * }</pre>
 */
public final class LatencySnapshot {

  private static final long[] NONE = {};

  private final long count;
  private final long max;
  private final double total;
  /** Per non-empty bucket, ascending: the value it reports. */
  private final long[] values;
  /** Per non-empty bucket: the durations in it and every bucket below. */
  private final long[] cumulative;
  /** {@code null} for a snapshot that is itself the recent window. */
  private final LatencySnapshot recent;

  private LatencySnapshot(long max, long[] values, long[] cumulative, double total, LatencySnapshot recent) {
    this.count = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    this.max = max;
    this.values = values;
    this.cumulative = cumulative;
    this.total = total;
    this.recent = recent;
  }

  /** {@return the durations {@code histogram} holds now} */
  static LatencySnapshot of(LatencyHistogram histogram) {
    long[][] counts = histogram.counts();
    return of(counts, histogram.max(), null);
  }

  /**
   * The durations of {@code counts} (by page, {@code null} for an empty page).
   *
   * @param max the longest duration: over the guard's life, read after the counts, so at least
   *     every duration counted, and no quantile reports more; in the window (whose maximum may miss
   *     a call that raced a slice change) quantiles are not capped by it
   * @param recent the recent window; {@code null} for a snapshot that is itself the window
   */
  static LatencySnapshot of(long[][] counts, long max, LatencySnapshot recent) {
    long[] values = NONE;
    long[] cumulative = NONE;
    int buckets = 0;
    long seen = 0;
    double total = 0;
    for (int page = 0; page < LatencyHistogram.PAGES; page++) {
      long[] sums = counts[page];
      for (int i = 0; sums != null && i < sums.length; i++) {
        if (sums[i] > 0) {
          if (buckets == values.length) {
            values = Arrays.copyOf(values, Math.max(16, buckets * 2));
            cumulative = Arrays.copyOf(cumulative, values.length);
          }
          long value = LatencyHistogram.midpoint((page << LatencyHistogram.PAGE_BITS) + i);
          // only the top bucket's midpoint can exceed the maximum
          value = recent == null ? value : Math.min(value, max);
          seen += sums[i];
          total += (double) value * sums[i];
          values[buckets] = value;
          cumulative[buckets++] = seen;
        }
      }
    }
    return new LatencySnapshot(max, Arrays.copyOf(values, buckets), Arrays.copyOf(cumulative, buckets), total, recent);
  }

  /** {@return the number of calls measured} */
  public long count() {
    return count;
  }

  /** {@return the median duration, in nanoseconds (0 if no call was measured)} */
  public long p50Nanos() {
    return atRank(rank(500));
  }

  /** {@return the 99th percentile of the durations, in nanoseconds (0 if no call was measured)} */
  public long p99Nanos() {
    return atRank(rank(990));
  }

  /** {@return the 99.9th percentile of the durations, in nanoseconds (0 if no call was measured)} */
  public long p999Nanos() {
    return atRank(rank(999));
  }

  /** {@return the longest duration, exact, in nanoseconds (0 if no call was measured)} */
  public long maxNanos() {
    return max;
  }

  /**
   * The {@code q}-quantile of the durations, by nearest rank (see the class comment).
   *
   * @param q the quantile, from 0 to 1: {@code 0.5} is the median, {@code 1} the maximum
   * @return the quantile in nanoseconds, within 1/128 of the exact one; 0 if no call was measured
   * @throws IllegalArgumentException if {@code q} is not between 0 and 1
   */
  public long quantileNanos(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be between 0 and 1, got " + q);
    }
    long r = BigDecimal.valueOf(q).multiply(BigDecimal.valueOf(count)).setScale(0, RoundingMode.CEILING).longValue();
    return atRank(r);
  }

  /** {@return the sum of the durations, in nanoseconds, within 1/128 of the exact sum} */
  public long totalNanos() {
    return (long) total; // saturates at Long.MAX_VALUE
  }

  /** {@return the mean duration, in nanoseconds, within 1/128 of the exact mean (0 if no call was measured)} */
  public double meanNanos() {
    return count == 0 ? 0 : total / count;
  }

  /**
   * The same over the recent window: the calls that ended in the current 10-second slice of the
   * guard's clock and the five before it, so every call that ended in the last 50 s and none
   * that ended 60 s or more ago (slices are counted from the guard's creation). A call that ends
   * while another thread starts a new slice may count in either, and its duration may then be
   * missing from the window's {@link #maxNanos()} (whose quantiles are therefore not capped by
   * it). The window of a recent snapshot is itself.
   *
   * @return the durations of the last minute
   */
  public LatencySnapshot recent() {
    return recent == null ? this : recent;
  }

  /** {@code ⌈count·permille/1000⌉}, without overflow. */
  private long rank(long permille) {
    long rest = 1000 - permille;
    return count - (count / 1000 * rest + count % 1000 * rest / 1000);
  }

  /** The value of the {@code r}-th smallest duration's bucket ({@code r} below 1 counts as 1). */
  private long atRank(long r) {
    if (count == 0) {
      return 0;
    }
    int i = Arrays.binarySearch(cumulative, Math.max(1, r));
    return values[i >= 0 ? i : -i - 1];
  }

  @Override
  public String toString() {
    return "LatencySnapshot[count=" + count + ", p50=" + p50Nanos() + "ns, p99=" + p99Nanos() + "ns, p999="
        + p999Nanos() + "ns, max=" + max + "ns]";
  }
}
