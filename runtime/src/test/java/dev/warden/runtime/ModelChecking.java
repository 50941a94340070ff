package dev.warden.runtime;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * Runs the Lincheck model-checking tests with one budget, sized to keep them all under a minute on
 * two cores. The {@code dev.warden} logger is silenced while they run: formatting a log record
 * initialises JDK classes (time zones) inside the model checker, which would explore the JDK
 * instead of the guard and can leave those classes unusable for later tests in the same JVM.
 */
final class ModelChecking {

  private static final Logger LOGGER = Logger.getLogger("dev.warden");

  private ModelChecking() {}

  /**
   * Three threads of up to {@code actorsPerThread} operations each, {@code iterations} scenarios
   * of {@code invocations} interleavings each.
   */
  static ModelCheckingOptions options(int iterations, int invocations, int actorsPerThread) {
    return new ModelCheckingOptions()
        .iterations(iterations)
        .invocationsPerIteration(invocations)
        .threads(3)
        .actorsPerThread(actorsPerThread);
  }

  /** Checks {@code testClass} with {@code options}, the {@code dev.warden} logger off meanwhile. */
  static void check(ModelCheckingOptions options, Class<?> testClass) {
    Level level = LOGGER.getLevel();
    LOGGER.setLevel(Level.OFF);
    try {
      options.check(testClass);
    } finally {
      LOGGER.setLevel(level);
    }
  }
}
