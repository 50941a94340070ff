package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.runtime.Allocations;
import org.junit.jupiter.api.Test;

/** {@link CallStarts}: starts paired with their owner, bounded per thread. Each test runs on a thread of its own. */
class CallStartsTest {

  private static final Object A = "a";
  private static final Object B = "b";

  @Test
  void nestedStartsPopInnermostFirst() throws InterruptedException {
    FreshThread.run(() -> {
      for (int depth = 1; depth <= 5; depth++) {
        for (int i = 0; i < depth; i++) {
          CallStarts.push(i % 2 == 0 ? A : B, 100 + i);
        }
        for (int i = depth - 1; i >= 0; i--) {
          assertEquals(100 + i, CallStarts.pop(i % 2 == 0 ? A : B));
        }
        assertEquals(CallStarts.NONE, CallStarts.pop(A), "nothing left");
      }
    });
  }

  @Test
  void anEndOfAnotherOwnerFindsNoStartAndLeavesTheTopInPlace() throws InterruptedException {
    FreshThread.run(() -> {
      assertEquals(CallStarts.NONE, CallStarts.pop(A), "nothing was pushed");
      CallStarts.push(A, 7);
      assertEquals(CallStarts.NONE, CallStarts.pop(B));
      CallStarts.push(B, 8); // now nested: the ring holds both
      assertEquals(CallStarts.NONE, CallStarts.pop(A));
      assertEquals(8, CallStarts.pop(B));
      assertEquals(7, CallStarts.pop(A));
      assertEquals(CallStarts.NONE, CallStarts.pop(A));
    });
  }

  @Test
  void aStartThatEqualsTheMarkerIsKeptOneNanosecondLater() throws InterruptedException {
    FreshThread.run(() -> {
      CallStarts.push(A, CallStarts.NONE);
      assertEquals(CallStarts.NONE + 1, CallStarts.pop(A));
    });
  }

  @Test
  void deeperNestingKeepsTheInnermostStartsOnly() throws InterruptedException {
    int depth = CallStarts.CAPACITY + 36;
    FreshThread.run(() -> {
      for (int i = 0; i < depth; i++) {
        CallStarts.push(A, i);
      }
      for (int i = depth - 1; i >= depth - CallStarts.CAPACITY; i--) {
        assertEquals(i, CallStarts.pop(A));
      }
      for (int i = 0; i < depth - CallStarts.CAPACITY; i++) {
        assertEquals(CallStarts.NONE, CallStarts.pop(A), "an outermost call beyond the capacity is not measured");
      }
      CallStarts.push(B, 1); // the thread measures its next calls as before
      assertEquals(1, CallStarts.pop(B));
    });
  }

  @Test
  void startsLeftBehindByCallsEndedElsewhereAreBounded() throws InterruptedException {
    FreshThread.run(() -> {
      for (int i = 0; i < 10_000; i++) {
        CallStarts.push(B, i); // entered here, ended on another thread: never popped here
      }
      long before = Allocations.ofThisThread();
      for (int i = 0; i < 10_000; i++) {
        CallStarts.push(B, i);
      }
      assertEquals(0, (Allocations.ofThisThread() - before) / 10_000, "a full stack does not grow");
      CallStarts.push(A, 5); // a call entering and ending here is still measured
      assertEquals(5, CallStarts.pop(A));
      assertEquals(9_999, CallStarts.pop(B), "the newest of those left behind is on top");
    });
  }

  @Test
  void aThreadRunningOneCallAtATimeAllocatesNoArray() throws InterruptedException {
    FreshThread.run(() -> {
      CallStarts.push(A, 1); // the thread's instance and its ThreadLocal entry
      assertEquals(1, CallStarts.pop(A));
      long before = Allocations.ofThisThread();
      for (int i = 0; i < 10_000; i++) {
        CallStarts.push(A, i);
        CallStarts.pop(A);
      }
      assertEquals(0, (Allocations.ofThisThread() - before) / 10_000);
    });
  }
}
