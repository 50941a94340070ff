package example.child;

import dev.warden.annotations.CountCalls;

/** Loaded by a child class loader that does not delegate to the application loader. */
public class ChildService {

  @CountCalls
  public int work() {
    return 7;
  }
}
