package com.example.app;

/** Runs the scenario; its checks read the guards through JMX. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    Scenario.run();
    System.out.println("MODULAR CHECKS PASSED (JMX only)");
  }
}
