package dev.warden.runtime;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the calling thread, for the tests that prove a path allocates nothing. */
public final class Allocations {

  private Allocations() {}

  /** {@return the bytes the calling thread has allocated so far} */
  public static long ofThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
