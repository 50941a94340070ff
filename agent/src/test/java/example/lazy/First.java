package example.lazy;

import dev.warden.annotations.CountCalls;

/** A guarded class for {@link Lazy}. */
public class First implements Runnable {

  @CountCalls
  @Override
  public void run() {}
}
