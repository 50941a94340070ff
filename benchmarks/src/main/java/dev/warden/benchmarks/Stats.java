package dev.warden.benchmarks;

import java.util.Arrays;

/** Order statistics of a sample. Stateless. */
final class Stats {

  private Stats() {}

  /** The median of {@code values} (mean of the two middle values for an even count). */
  static double median(double[] values) {
    double[] sorted = sorted(values);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The {@code p}-th percentile (0 &lt; p &le; 100), nearest-rank method. */
  static double percentile(double[] values, double p) {
    double[] sorted = sorted(values);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  static double mean(double[] values) {
    requireSome(values);
    return Arrays.stream(values).average().orElseThrow();
  }

  static double min(double[] values) {
    requireSome(values);
    return Arrays.stream(values).min().orElseThrow();
  }

  static double max(double[] values) {
    requireSome(values);
    return Arrays.stream(values).max().orElseThrow();
  }

  private static double[] sorted(double[] values) {
    requireSome(values);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted;
  }

  private static void requireSome(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
  }
}
