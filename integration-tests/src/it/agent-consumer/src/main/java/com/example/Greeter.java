package com.example;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;

/** A user's class: two greetings at once, then (practically) no more. */
public class Greeter {

  /** Greets {@code name}. */
  @CountCalls
  @Throttled(callsPerSecond = 0.001, burst = 2, maxWaitMillis = 0)
  public String greet(String name) {
    return "Hello, " + name;
  }
}
