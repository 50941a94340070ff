package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Every quantile a {@link LatencySnapshot} reports is within 1/128 (so within 1%) of the exact
 * nearest-rank quantile of the recorded durations, for many distributions and magnitudes; count
 * and maximum are exact, the total within the same bound.
 */
class LatencyAccuracyTest {

  private static final long HOUR = 3_600_000_000_000L;
  /** Quantiles as exact fractions {@code numerator / 1000}, from 0 to 1. */
  private static final int[] PERMILLE = {0, 1, 10, 100, 250, 333, 500, 700, 900, 950, 990, 999, 1000};

  @Test
  void uniform() {
    check("uniform 0..10 ms", 50_000, new Random(1), r -> () -> (long) (r.nextDouble() * 10_000_000));
  }

  @Test
  void exponential() {
    check("exponential, mean 2 ms", 50_000, new Random(2), r -> () -> (long) (-Math.log(1 - r.nextDouble()) * 2_000_000));
  }

  @Test
  void bimodal() {
    check("bimodal 50 µs / 300 ms", 50_000, new Random(3),
        r -> () -> r.nextInt(10) < 9 ? 50_000 + r.nextInt(5_000) : 300_000_000 + r.nextInt(50_000_000));
  }

  @Test
  void constant() {
    check("constant 1234567 ns", 1_000, new Random(4), r -> () -> 1_234_567);
  }

  @Test
  void hugeValuesUpToHours() {
    check("1 s to 5 h", 20_000, new Random(5), r -> () -> 1_000_000_000L + (long) (r.nextDouble() * 5 * HOUR));
  }

  @Test
  void zeroAndOneNanosecond() {
    check("0 and 1 ns", 1_001, new Random(6), r -> () -> r.nextInt(2));
    check("only 0 ns", 10, new Random(6), r -> () -> 0);
  }

  @Test
  void everyMagnitudeFromNanosecondsToCenturies() {
    check("log-uniform 1 ns .. 2^62 ns", 100_000, new Random(7), r -> () -> (long) Math.pow(2, r.nextDouble() * 62));
    check("near Long.MAX_VALUE", 1_000, new Random(8), r -> () -> Long.MAX_VALUE - r.nextInt(1 << 20));
  }

  @Test
  void smallSamplesIncludingOne() {
    for (int n = 1; n <= 30; n++) {
      check("heavy tail, n=" + n, n, new Random(100 + n), r -> () -> (long) (1_000 / Math.pow(1 - r.nextDouble(), 2)));
    }
  }

  @Test
  void everyValueIsInItsBucketAndItsMidpointIsWithinOneIn128() {
    Random random = new Random(9);
    for (int i = 0; i < 1_000_000; i++) {
      long v = i < 100_000 ? i : (random.nextLong() >>> 1) >>> random.nextInt(63);
      int index = LatencyHistogram.index(v);
      assertTrue(LatencyHistogram.lowerBound(index) <= v, "lower bound of " + v);
      assertTrue(index == LatencyHistogram.PAGES * LatencyHistogram.PAGE_SIZE - 1
          || v < LatencyHistogram.lowerBound(index + 1), "upper bound of " + v);
      assertTrue(Math.abs(LatencyHistogram.midpoint(index) - v) <= v / 128, "midpoint of " + v);
    }
    assertEquals(LatencyHistogram.PAGES * LatencyHistogram.PAGE_SIZE - 1, LatencyHistogram.index(Long.MAX_VALUE));
  }

  @Test
  void anEmptySnapshotReportsZeros() {
    LatencySnapshot empty = LatencySnapshot.of(new LatencyHistogram());
    assertEquals(0, empty.count());
    assertEquals(0, empty.p50Nanos());
    assertEquals(0, empty.p999Nanos());
    assertEquals(0, empty.maxNanos());
    assertEquals(0, empty.totalNanos());
    assertEquals(0, empty.meanNanos());
    assertEquals(0, empty.quantileNanos(0.5));
  }

  @Test
  void aQuantileOutsideZeroToOneIsRefused() {
    LatencySnapshot empty = LatencySnapshot.of(new LatencyHistogram());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.quantileNanos(1.5));
    assertEquals("quantile must be between 0 and 1, got 1.5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> empty.quantileNanos(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> empty.quantileNanos(-0.1));
  }

  @Test
  void nearestRankCountsTheQuantileAsTheDecimalItIsWrittenAs() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int v = 1; v <= 10; v++) {
      histogram.record(v);
    }
    LatencySnapshot s = LatencySnapshot.of(histogram);
    assertEquals(7, s.quantileNanos(0.7), "0.7 of 10 is the 7th, though 0.7 * 10 > 7 in binary");
    assertEquals(1, s.quantileNanos(0));
    assertEquals(1, s.quantileNanos(0.1));
    assertEquals(2, s.quantileNanos(0.11));
    assertEquals(5, s.p50Nanos());
    assertEquals(10, s.p99Nanos());
    assertEquals(55, s.totalNanos(), "exact below 128 ns");
    assertEquals(5.5, s.meanNanos());
  }

  /** Records {@code n} values of the distribution and compares every reported figure with the exact one. */
  private static void check(String what, int n, Random random, java.util.function.Function<Random, LongSupplier> values) {
    LongSupplier next = values.apply(random);
    long[] exact = new long[n];
    LatencyHistogram histogram = new LatencyHistogram();
    for (int i = 0; i < n; i++) {
      exact[i] = next.getAsLong();
      histogram.record(exact[i]);
    }
    Arrays.sort(exact);
    LatencySnapshot s = LatencySnapshot.of(histogram);
    assertEquals(n, s.count(), what);
    assertEquals(exact[n - 1], s.maxNanos(), what + ": max is exact");
    for (int permille : PERMILLE) {
      long rank = Math.max(1, ((long) n * permille + 999) / 1000); // ⌈n·q⌉, exactly
      assertWithin(what + " q=" + permille / 1000.0, exact[(int) rank - 1], s.quantileNanos(permille / 1000.0));
    }
    assertWithin(what + " p50", exact[(int) Math.max(1, ((long) n * 500 + 999) / 1000) - 1], s.p50Nanos());
    assertWithin(what + " p99", exact[(int) Math.max(1, ((long) n * 990 + 999) / 1000) - 1], s.p99Nanos());
    assertWithin(what + " p999", exact[(int) Math.max(1, ((long) n * 999 + 999) / 1000) - 1], s.p999Nanos());
    double total = 0;
    for (long v : exact) {
      total += v;
    }
    assertTrue(Math.abs(s.totalNanos() - Math.min(total, Long.MAX_VALUE)) <= total / 128 + 1,
        what + ": total " + s.totalNanos() + " vs " + total);
    assertTrue(Math.abs(s.meanNanos() - total / n) <= total / n / 128 + 1e-9, what + ": mean");
  }

  /** {@code |reported − exact| ≤ exact / 128}, which is within 1%. */
  private static void assertWithin(String what, long exact, long reported) {
    assertTrue(Math.abs(reported - exact) <= exact / 128,
        what + ": reported " + reported + ", exact " + exact + " (" + (reported - exact) * 100.0 / Math.max(1, exact) + "%)");
  }
}
