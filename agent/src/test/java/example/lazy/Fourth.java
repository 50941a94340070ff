package example.lazy;

import dev.warden.annotations.CountCalls;

/** A guarded class for {@link Lazy}. */
public class Fourth implements Runnable {

  @CountCalls
  @Override
  public void run() {}
}
