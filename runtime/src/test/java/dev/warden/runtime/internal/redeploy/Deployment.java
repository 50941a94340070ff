package dev.warden.runtime.internal.redeploy;

import dev.warden.annotations.Breaker;

/** One deployment's guarded class; {@code RedeployTest} loads a copy of it per class loader. */
public class Deployment {

  /** The deployment's own failure type, as an application would declare it. */
  public static class MyFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public MyFailure() {
      super("deployment failure", null, false, false);
    }
  }

  @Breaker(name = "redeploy.breaker", failureThreshold = 1, cooldownMillis = 1_000, failOn = MyFailure.class)
  public void call() throws MyFailure {
    throw new MyFailure();
  }
}
