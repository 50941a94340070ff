package example.lazy;

import dev.warden.annotations.CountCalls;

/** A guarded class for {@link Lazy}. */
public class Second implements Runnable {

  @CountCalls
  @Override
  public void run() {}
}
