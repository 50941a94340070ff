package dev.warden.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks at one thread count with {@code -prof gc} and collects the scores. */
final class JmhSuite {

  /**
   * One benchmark's result.
   *
   * @param nanos average time per call, ns
   * @param error half-width of JMH's 99.9% confidence interval, ns ({@code NaN} with one iteration)
   * @param bytes bytes allocated per call ({@code gc.alloc.rate.norm}); {@code NaN} if not measured
   */
  record Score(double nanos, double error, double bytes) {}

  private JmhSuite() {}

  /**
   * Runs every benchmark {@code settings.include()} matches on {@code threads} threads, except
   * {@link RedisAnchors} (section {@code redis}: see {@link #runRedis}).
   *
   * @return scores by short benchmark name ({@code Class.method}); a benchmark that failed is absent
   */
  static Map<String, Score> run(Settings settings, int threads, Path json) throws RunnerException {
    return run(settings, new OptionsBuilder().include(settings.include()).exclude(RedisAnchors.PATTERN)
        .exclude(ObservabilityReport.PATTERN), threads, json);
  }

  /**
   * Runs {@link LatencyAnchors} and {@link JfrAnchors} on one thread (section {@code observability}).
   *
   * @return scores by short benchmark name, with its parameters if it has any ({@code
   *     JfrAnchors.admitting[jfr=none]})
   */
  static Map<String, Score> runObservability(Settings settings, Path json) throws RunnerException {
    return run(settings, new OptionsBuilder().include(ObservabilityReport.PATTERN), 1, json);
  }

  /**
   * Runs {@link RedisAnchors} on {@code threads} threads.
   *
   * @return scores by short benchmark name ({@code Class.method}); a benchmark that failed is absent
   */
  static Map<String, Score> runRedis(Settings settings, int threads, Path json) throws RunnerException {
    return run(settings, new OptionsBuilder().include(RedisAnchors.PATTERN), threads, json);
  }

  private static Map<String, Score> run(Settings settings, ChainedOptionsBuilder chosen, int threads, Path json)
      throws RunnerException {
    Options options =
        chosen
            .threads(threads)
            .forks(settings.forks())
            .warmupIterations(settings.warmups())
            .warmupTime(TimeValue.seconds(settings.seconds()))
            .measurementIterations(settings.iterations())
            .measurementTime(TimeValue.seconds(settings.seconds()))
            .addProfiler(GCProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .build();
    Map<String, Score> scores = new LinkedHashMap<>();
    for (RunResult run : new Runner(options).run()) {
      String benchmark = run.getParams().getBenchmark();
      String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1)
          + parameters(run.getParams());
      Result<?> primary = run.getPrimaryResult();
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      scores.put(
          shortName,
          new Score(primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()));
    }
    return scores;
  }

  /** {@code [key=value,…]} of a parameterised benchmark, else empty. */
  private static String parameters(BenchmarkParams params) {
    if (params.getParamsKeys().isEmpty()) {
      return "";
    }
    StringJoiner joined = new StringJoiner(",", "[", "]");
    for (String key : params.getParamsKeys()) {
      joined.add(key + "=" + params.getParam(key));
    }
    return joined.toString();
  }
}
