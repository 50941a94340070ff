package dev.warden.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a reply until a deadline, uninterruptibly: an interrupt during the wait is kept and
 * the thread's interrupt flag is set again on return, so the caller's own rule for interrupts
 * applies afterwards.
 *
 * <p>Stateless; parks without holding any lock.
 */
final class Await {

  private Await() {}

  /**
   * The reply of {@code future}.
   *
   * @param future the pending reply
   * @param deadline the {@link System#nanoTime()} by which it must have arrived
   * @param timeoutMillis the whole wait, for the message
   * @return the reply
   * @throws RedisCommandTimeoutException if it has not arrived by {@code deadline} (the command is
   *     cancelled)
   * @throws RuntimeException the failure of the command
   */
  static <T> T reply(Future<T> future, long deadline, long timeoutMillis) {
    boolean interrupted = false;
    try {
      for (;;) {
        try {
          return future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (TimeoutException e) {
          future.cancel(false);
          throw new RedisCommandTimeoutException("no answer within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException unchecked) {
            throw unchecked;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new RedisException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
