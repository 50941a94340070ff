package example.lazy;

import dev.warden.runtime.CallStats;
import dev.warden.runtime.Warden;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Prints {@code started}; with the argument {@code guarded}, then loads four guarded classes at
 * once from four threads (the first classes the agent weaves) and prints each one's call count.
 */
public final class Lazy {

  private Lazy() {}

  public static void main(String[] args) throws Exception {
    System.out.println("started");
    if (args.length == 0) {
      return;
    }
    String[] classes = {"example.lazy.First", "example.lazy.Second", "example.lazy.Third", "example.lazy.Fourth"};
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (String name : classes) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          Runnable guarded = (Runnable) Class.forName(name).getConstructor().newInstance();
          guarded.run();
          guarded.run();
        } catch (Throwable t) {
          synchronized (failures) {
            failures.add(t);
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    for (Throwable failure : failures) {
      failure.printStackTrace();
    }
    for (String name : classes) {
      System.out.println(name + " " + Warden.callStats(name + "#run").map(CallStats::calls).orElse(-1L));
    }
  }
}
