package dev.warden.benchmarks;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.site.GuardSite;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Warden's JFR events cost, through {@link GuardSite}: the success path of a method under
 * {@code @Breaker @Throttled @Bulkhead} that never refuses (which has no trace of the events), and
 * refusals answered by a fallback without {@code Throwable} (where the events are emitted), each in
 * three states ({@link #jfr}): no recording; the JDK's {@code default} recording running, which
 * leaves Warden's events disabled; and that recording with Warden's events enabled. Run with
 * {@code -prof gc}: without a recording of Warden's events a refusal allocates nothing.
 *
 * <p>The recordings are kept in memory ({@code toDisk=false}), so that the flood of refusal events
 * costs their emission, not a disk's bandwidth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class JfrAnchors {

  private static final List<String> WARDEN_EVENTS = List.of("dev.warden.Rejected", "dev.warden.BreakerTransition",
      "dev.warden.ThrottleWait", "dev.warden.Retry", "dev.warden.Timeout");

  private static final GuardSite ADMITTING = GuardSite.forMethod(Guarded.class, "admitting");
  private static final GuardSite OPEN = GuardSite.forMethod(Guarded.class, "open");
  private static final GuardSite THROTTLED = GuardSite.forMethod(Guarded.class, "throttled");
  private static final GuardSite FULL = GuardSite.forMethod(Guarded.class, "full");

  /** {@code none}, {@code default} (Warden's events disabled) or {@code warden} (enabled). */
  @Param({"none", "default", "warden"})
  public String jfr;

  private final Guarded target = new Guarded();
  private Recording recording;
  /** Holds the bulkhead's only slot, so that {@link #FULL} refuses. */
  private Object slot;

  /** The guarded methods: trivial bodies; only the guards differ. */
  public static class Guarded {
    /** Guards that admit every call: a breaker that never sees a failure, a bucket it never empties, spare slots. */
    @Breaker(name = "bench.jfr.admitting")
    @Throttled(name = "bench.jfr.admitting", callsPerSecond = 1e12, burst = 1_000_000, maxWaitMillis = 0)
    @Bulkhead(name = "bench.jfr.admitting", maxConcurrent = 1_000)
    public String admitting() {
      return "ok";
    }

    /** Under a breaker that {@link #start} opens for an hour. */
    @Breaker(name = "bench.jfr.open", failureThreshold = 1, cooldownMillis = 3_600_000, fallback = "busy")
    public String open() {
      return "ok";
    }

    /** Under a bucket of one token refilled once in 1,000 s, which {@link #start} spends. */
    @Throttled(name = "bench.jfr.throttled", callsPerSecond = 0.001, burst = 1, maxWaitMillis = 0, fallback = "busy")
    public String throttled() {
      return "ok";
    }

    /** Under a bulkhead of one slot, which {@link #start} takes. */
    @Bulkhead(name = "bench.jfr.full", maxConcurrent = 1, fallback = "busy")
    public String full() {
      return "ok";
    }

    String busy() {
      return "busy";
    }
  }

  /** Makes the refusing sites refuse, checks each path, then starts the recording of {@link #jfr}. */
  @Setup(Level.Trial)
  public void start() throws IOException, ParseException {
    OPEN.onFailure(OPEN.enter(), new IllegalStateException("opens the breaker"));
    call(THROTTLED); // spends the only token
    slot = FULL.enter();
    if (!admitting().equals("ok") || !open().equals("busy") || !throttled().equals("busy") || !full().equals("busy")) {
      throw new IllegalStateException("a site does not admit or refuse as it should");
    }
    if (!jfr.equals("none")) {
      recording = new Recording(Configuration.getConfiguration("default"));
      recording.setToDisk(false);
      if (jfr.equals("warden")) {
        WARDEN_EVENTS.forEach(recording::enable);
      } else if (!jfr.equals("default")) {
        throw new IllegalArgumentException("jfr must be none, default or warden, got " + jfr);
      }
      recording.start();
    }
  }

  /** Stops the recording and gives the slot back. */
  @TearDown(Level.Trial)
  public void stop() {
    if (recording != null) {
      recording.close();
    }
    FULL.onSuccess(slot);
  }

  /** The success path under three guards. */
  @Benchmark
  public String admitting() {
    return call(ADMITTING);
  }

  /** An open breaker's refusal, answered by the fallback. */
  @Benchmark
  public String open() {
    return call(OPEN);
  }

  /** A spent bucket's refusal, answered by the fallback. */
  @Benchmark
  public String throttled() {
    return call(THROTTLED);
  }

  /** A full bulkhead's refusal, answered by the fallback. */
  @Benchmark
  public String full() {
    return call(FULL);
  }

  /** One call through {@code site} as generated code makes it, of a body that returns {@code "ok"}. */
  private String call(GuardSite site) {
    Object permit = site.enter();
    if (permit instanceof GuardRejectedException) {
      return (String) site.rejected(permit, target, null);
    }
    return site.onReturn(permit, "ok");
  }
}
