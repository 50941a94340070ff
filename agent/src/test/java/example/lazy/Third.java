package example.lazy;

import dev.warden.annotations.CountCalls;

/** A guarded class for {@link Lazy}. */
public class Third implements Runnable {

  @CountCalls
  @Override
  public void run() {}
}
