package dev.warden.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Timeout;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The call timeouts users would pick instead of a Warden timeout, each set to {@link #TIMEOUT} so
 * that no call ever times out, guarding {@link Service#plain()} the way its documentation shows
 * (executors and guards built once), and two floors: a timer scheduled and cancelled on a shared
 * {@link ScheduledThreadPoolExecutor}, and two {@code System.nanoTime()} reads around the call. A
 * call that times out fails the benchmark, and so does a timer of the shared executor that fired.
 *
 * <p>Every anchor but the last is synchronous: the call runs on the benchmark thread. The last,
 * Resilience4j's {@code TimeLimiter}, only times out a {@code CompletionStage}; it is measured on a
 * stage that is not yet complete when it is decorated (see {@link #resilience4jTimeLimiterAsync()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class TimeoutAnchors {

  /** The timeout of every anchor: far longer than any call measured. */
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static final long TIMEOUT_NANOS = TIMEOUT.toNanos();
  private static final Runnable NO_OP = () -> {};

  private final Service service = new Service();
  private final Supplier<String> plain = service::plain;
  private final CheckedSupplier<String> checkedPlain = service::plain;

  /**
   * One timer thread shared by all benchmark threads, cancelled tasks removed from its queue at
   * once (as Failsafe configures its own): the timer under {@link #stpeScheduleCancel()} and the
   * scheduler Resilience4j is given.
   */
  private final ScheduledThreadPoolExecutor timer = newTimer();

  private final TypedGuard<String> smallRye =
      TypedGuard.create(String.class).withTimeout().duration(TIMEOUT.toMillis(), ChronoUnit.MILLIS).done().build();

  private final FailsafeExecutor<String> failsafeInterrupt =
      Failsafe.with(Timeout.<String>builder(TIMEOUT).withInterrupt().build());

  private final FailsafeExecutor<String> failsafe = Failsafe.with(Timeout.<String>of(TIMEOUT));

  private final TimeLimiter resilience4j = TimeLimiter.of(TIMEOUT);

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "timeout-anchors-timer");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /**
   * The floor of any timeout that checks its deadline after the call: two clock reads around it
   * and a comparison with the timeout (no timer, so it cannot interrupt the call).
   */
  @Benchmark
  public String twoNanoTimes() {
    long start = System.nanoTime();
    String result = service.plain();
    if (System.nanoTime() - start > TIMEOUT_NANOS) {
      throw new IllegalStateException("timed out");
    }
    return result;
  }

  /**
   * The floor of a timer: a no-op scheduled {@link #TIMEOUT} ahead on the shared executor before
   * the call and cancelled (removed from the executor's queue) after it.
   */
  @Benchmark
  public String stpeScheduleCancel() {
    ScheduledFuture<?> deadline = timer.schedule(NO_OP, TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
    String result = service.plain();
    deadline.cancel(false);
    return result;
  }

  /**
   * SmallRye Fault Tolerance standalone {@code TypedGuard} with a timeout, synchronous call: its
   * timer thread interrupts the calling thread when the timeout expires.
   */
  @Benchmark
  public String smallRye() {
    return smallRye.get(plain);
  }

  /** Failsafe {@code Failsafe.with(timeout).get(supplier)}, the timeout built {@code withInterrupt()}. */
  @Benchmark
  public String failsafeInterrupt() {
    return failsafeInterrupt.get(checkedPlain);
  }

  /**
   * Failsafe {@code Failsafe.with(timeout).get(supplier)} without interrupt: an expired timeout
   * only turns the result, once the call returns, into a {@code TimeoutExceededException}.
   */
  @Benchmark
  public String failsafe() {
    return failsafe.get(checkedPlain);
  }

  /**
   * Resilience4j {@code TimeLimiter.executeCompletionStage}, the asynchronous anchor. Measured, all
   * on the benchmark thread: a new {@code CompletableFuture} (the stage, not yet complete) and the
   * supplier returning it; the limiter's decoration, which schedules its timeout on the shared
   * executor and registers a completion callback; then the stage completed with the call's result,
   * which runs the callback inline (the timeout cancelled and removed from the executor's queue,
   * the success recorded); and the result read from the returned stage. Not measured: a thread
   * that runs the stage's work, as an asynchronous call would have.
   */
  @Benchmark
  public String resilience4jTimeLimiterAsync() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> limited = resilience4j.executeCompletionStage(timer, () -> stage).toCompletableFuture();
    stage.complete(service.plain());
    return limited.join();
  }

  /** Fails the run if a timer of the shared executor fired: then some call was not measured as a success. */
  @TearDown
  public void stopTimer() {
    timer.shutdownNow();
    if (timer.getCompletedTaskCount() != 0) {
      throw new IllegalStateException(timer.getCompletedTaskCount() + " timers fired: some call timed out");
    }
  }
}
